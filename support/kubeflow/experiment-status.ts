import type { KubernetesObject } from '@kubernetes/client-node';
import { impossible, met, waiting, type Verdict } from '../wait/verdict';
import { conditionTimeline, type JobCondition } from './training-job';

/** One metric of a trial as Katib's DB manager recorded it: the last value the collector read, and the extremes. */
export interface Metric {
  name: string;
  latest?: string;
  min?: string;
  max?: string;
}

/** Katib's Experiment (kubeflow.org/v1beta1), as far as the harness reads it. */
export interface Experiment extends KubernetesObject {
  spec?: { algorithm?: { algorithmName?: string }; maxTrialCount?: number; objective?: { objectiveMetricName?: string; type?: string }; resumePolicy?: string };
  status?: {
    conditions?: JobCondition[];
    trials?: number;
    trialsSucceeded?: number;
    trialsFailed?: number;
    trialMetricsUnavailable?: number;
    trialsEarlyStopped?: number;
    currentOptimalTrial?: { bestTrialName?: string; observation?: { metrics?: Metric[] }; parameterAssignments?: { name: string; value: string }[] };
  };
}

/** Katib's Trial: its conditions say why it failed (TrialFailed, MetricsUnavailable). */
export interface Trial extends KubernetesObject {
  status?: { conditions?: JobCondition[]; observation?: { metrics?: Metric[] } };
}

/** Katib's Suggestion, which runs the search algorithm's service: its conditions say why it failed. */
export interface Suggestion extends KubernetesObject {
  status?: { conditions?: JobCondition[] };
}

/** The label Katib puts on its trials, their pods and the suggestion's, with the Experiment's name. */
export const EXPERIMENT_LABEL = 'katib.kubeflow.org/experiment';
export const TRIAL_LABEL = 'katib.kubeflow.org/trial';

const trueCondition = (object: { status?: { conditions?: JobCondition[] } }, type: string): JobCondition | undefined =>
  object.status?.conditions?.find((c) => c.type === type && c.status === 'True');

/** "2 trials: 1 succeeded, 1 failed, 0 without metrics" */
export function trialCounts(experiment: Experiment): string {
  const status = experiment.status ?? {};
  return `${status.trials ?? 0} trial(s): ${status.trialsSucceeded ?? 0} succeeded, ${status.trialsFailed ?? 0} failed, ${status.trialMetricsUnavailable ?? 0} without metrics`;
}

/**
 * Why the Experiment did not run the trials the scenario asks for, if it did not:
 * Katib calls an Experiment Succeeded once it reached its maximum number of trials,
 * also when some of them failed (up to maxFailedTrialCount), or none ran at all.
 */
export function trialCountProblem(experiment: Experiment, count: number): string | undefined {
  const { trialsSucceeded = 0, trialsEarlyStopped = 0 } = experiment.status ?? {};
  const allowed = experiment.spec?.maxTrialCount;
  if (trialsSucceeded === count && (allowed === undefined || trialsSucceeded + trialsEarlyStopped === allowed)) return undefined;
  return `Experiment ${experiment.metadata?.name} was to run ${count} trial(s) to success (it allows ${allowed ?? 'any number'}); ${trialCounts(experiment)}.`;
}

/** The objective metric Katib recorded for a trial is the last value its training printed (to a millionth), or why not. */
export function recordedMetricProblem(metric: string, recorded: string, printed: number[]): string | undefined {
  const last = printed[printed.length - 1];
  if (last !== undefined && Math.abs(last - Number(recorded)) <= 1e-6 * Math.max(1, Math.abs(last))) return undefined;
  return `Katib records ${metric}=${recorded}, but the training printed ${printed.length ? `${metric}=${printed.join(', ')} (last ${last})` : `no ${metric}`}.`;
}

/** Succeeded is the goal; Failed (too many failed trials, a suggestion that failed) is final. */
export function hasSucceeded(experiments: Experiment[]): Verdict {
  const experiment = experiments[0];
  if (!experiment) return waiting('the Experiment does not exist (yet)');
  if (trueCondition(experiment, 'Succeeded')) return met();
  const failed = trueCondition(experiment, 'Failed');
  if (failed) return impossible(`the Experiment Failed (${failed.reason ?? 'no reason'}: ${failed.message ?? 'no message'}); ${trialCounts(experiment)}`);
  return waiting(`${conditionTimeline(experiment)}; ${trialCounts(experiment)}`);
}

/** The condition a trial or suggestion ended on without success, if it has. */
export const endedBadly = (object: Trial | Suggestion): JobCondition | undefined =>
  trueCondition(object, 'Failed') ?? trueCondition(object, 'MetricsUnavailable') ?? trueCondition(object, 'EarlyStopped');

/** Each trial that ended without success, with a sentence: "Trial random-abc: Failed (TrialFailed. Job reason: BackoffLimitExceeded): …". */
export function unsuccessfulTrials(trials: Trial[]): { name: string; sentence: string }[] {
  return trials.flatMap((trial) => {
    const ended = endedBadly(trial);
    const name = trial.metadata?.name as string;
    return ended ? [{ name, sentence: `Trial ${name}: ${ended.type} (${ended.reason ?? 'no reason'}): ${ended.message ?? 'no message'}` }] : [];
  });
}

export function diagnoseExperiment(experiments: Experiment[]): string | undefined {
  const experiment = experiments[0];
  if (!experiment) return 'the Experiment was deleted while waiting.';
  if (!experiment.status?.conditions?.length) return 'Katib has not reported on the Experiment: check that the Katib controller runs (kubectl get pods -n kubeflow -l katib.kubeflow.org/component=controller).';
  return undefined;
}
