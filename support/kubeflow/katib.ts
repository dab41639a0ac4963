import type { KubernetesObject } from '@kubernetes/client-node';
import { requireServed } from '../cluster/capabilities';
import { amended } from '../cluster/errors';
import { KINDS, type KindRef } from '../cluster/kinds';
import { readLog } from '../cluster/logs';
import { conditionTime, secondsSinceCreation } from '../cluster/timing';
import { guardedByPods } from '../wait/guards';
import { met, waiting } from '../wait/verdict';
import type { KubeflowWorld } from '../world';
import { awaitTakenUp } from './taken-up';
import {
  diagnoseExperiment,
  endedBadly,
  EXPERIMENT_LABEL,
  hasSucceeded,
  recordedMetricProblem,
  TRIAL_LABEL,
  trialCountProblem,
  unsuccessfulTrials,
  type Experiment,
  type Suggestion,
  type Trial,
} from './experiment-status';

/** The container Katib's pod webhook adds to a trial's pod: it reads the training's output and echoes it to its own log. */
const COLLECTOR_CONTAINER = 'metrics-logger-and-collector';
const COLLECTOR_LINES = 10;

export async function requireKatib(world: KubeflowWorld): Promise<void> {
  await requireServed(world.clients, KINDS.Experiment, world.namespace);
}

export async function createExperiment(world: KubeflowWorld, file: string): Promise<void> {
  const [experiment] = await world.create<Experiment>(file, { image: world.config.images.pytorchMnist });
  if (experiment.kind !== KINDS.Experiment.kind) throw new Error(`${file} holds a ${experiment.kind} first, not an Experiment. Fix: put the Experiment first.`);
  world.subjects.set('experiment', { kind: KINDS.Experiment, name: experiment.metadata?.name as string });
}

const experimentName = (world: KubeflowWorld): string => world.subject('experiment').name;

async function readExperiment(world: KubeflowWorld): Promise<Experiment> {
  const { apiVersion, kind } = KINDS.Experiment;
  return (await world.clients.objects.read({ apiVersion, kind, metadata: { name: experimentName(world), namespace: world.namespace } })) as Experiment;
}

async function trialsOf(world: KubeflowWorld, name: string): Promise<Trial[]> {
  const { apiVersion, kind } = KINDS.Trial;
  return (await world.clients.objects.list<Trial>(apiVersion, kind, world.namespace, undefined, undefined, undefined, undefined, `${EXPERIMENT_LABEL}=${name}`)).items;
}

/**
 * What the metrics collector of a trial's pod logged (its last lines, or all of it):
 * the training's output, which it echoes, and its complaint when it found no metric.
 */
async function collectorLog(world: KubeflowWorld, trial: string, tailLines?: number): Promise<string | undefined> {
  const pods = await world.clients.core.listNamespacedPod({ namespace: world.namespace, labelSelector: `${TRIAL_LABEL}=${trial}` });
  const pod = pods.items[0]?.metadata?.name;
  if (!pod) return undefined;
  return (await readLog(world.clients, { namespace: world.namespace, pod, container: COLLECTOR_CONTAINER, tailLines })).trimEnd() || undefined;
}

/** The Experiment's Suggestion (of the same name), if it can be read. */
async function readSuggestion(world: KubeflowWorld, name: string): Promise<Suggestion | undefined> {
  const { apiVersion, kind } = KINDS.Suggestion;
  return (await world.clients.objects.read({ apiVersion, kind, metadata: { name, namespace: world.namespace } }).catch(() => undefined)) as Suggestion | undefined;
}

/** A failed Experiment's message, with why each trial that ended without success ended and what its metrics collector said last, and why the Suggestion failed. */
async function withTrialReasons(world: KubeflowWorld, name: string, error: unknown): Promise<unknown> {
  if (!(error instanceof Error)) return error;
  const trials = await trialsOf(world, name).catch(() => []);
  const reasons: string[] = [];
  for (const { name: trial, sentence } of unsuccessfulTrials(trials)) {
    const said = await collectorLog(world, trial, COLLECTOR_LINES).catch(() => undefined);
    reasons.push(said ? `${sentence}\n  Its metrics collector's last lines:\n${said.replace(/^/gm, '    ')}` : sentence);
  }
  const suggestion = await readSuggestion(world, name);
  const refused = suggestion && endedBadly(suggestion);
  if (refused) reasons.push(`Suggestion ${name}: ${refused.type} (${refused.reason ?? 'no reason'}): ${refused.message ?? 'no message'}`);
  return reasons.length === 0 ? error : amended(error, reasons.join('\n'));
}

/**
 * Succeeded within the job timeout. Failed ends the wait at once, with each failed
 * trial's reason and its collector's last lines; the pods of the trials and of the
 * suggestion service guard it (a crash, an image that cannot be pulled).
 */
export async function awaitExperimentSucceeded(world: KubeflowWorld): Promise<void> {
  const name = experimentName(world);
  const what = `Experiment ${name} to succeed`;
  const timeoutMs = world.config.timeouts.jobSucceeded;
  const guard = { ...world.guard(what, timeoutMs), labelSelector: `${EXPERIMENT_LABEL}=${name}`, owners: [{ kind: KINDS.Experiment.kind, name }] };
  try {
    const [succeeded] = await guardedByPods(guard, async (signal) => {
      await awaitTakenUp(world, 'the Katib controller', KINDS.Experiment, name, signal, diagnoseExperiment);
      return world.waitFor<Experiment>({ what, kind: KINDS.Experiment, name, timeoutMs, signal, evaluate: hasSucceeded, diagnose: diagnoseExperiment });
    });
    world.recordWorkloadTime('time to Succeeded', secondsSinceCreation(succeeded, conditionTime(succeeded, 'Succeeded')));
  } catch (error) {
    throw await withTrialReasons(world, name, error);
  }
}

/** Every trial it was allowed ran and succeeded (or stopped early), as Katib's own e2e check wants. */
export async function expectTrialsSucceeded(world: KubeflowWorld, count: number): Promise<void> {
  const problem = trialCountProblem(await readExperiment(world), count);
  if (!problem) return;
  const trials = unsuccessfulTrials(await trialsOf(world, experimentName(world))).map((trial) => trial.sentence);
  throw new Error([problem, ...trials].join('\n'));
}

/** The value of each `<metric>=<value>` the training printed, in order, as Katib's StdOut collector reads them. */
export function printedValues(log: string, metric: string): number[] {
  const escaped = metric.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...log.matchAll(new RegExp(`(?:^|[\\s,{])${escaped}\\s*=\\s*([+-]?\\d*\\.?\\d+(?:[Ee][+-]?\\d+)?)`, 'gm'))].map((match) => Number(match[1]));
}

/**
 * The optimal trial carries the objective metric, and it is what that trial's
 * training printed last: read from the log its metrics collector echoed, not
 * taken on Katib's word.
 */
export async function expectOptimalMetricPrinted(world: KubeflowWorld): Promise<void> {
  const experiment = await readExperiment(world);
  const metric = experiment.spec?.objective?.objectiveMetricName as string;
  const optimal = experiment.status?.currentOptimalTrial;
  const recorded = optimal?.observation?.metrics?.find((m) => m.name === metric);
  const trial = optimal?.bestTrialName;
  if (!trial || !recorded?.latest) {
    throw new Error(`Experiment ${experimentName(world)} names no optimal trial with the objective metric ${metric}: ${JSON.stringify(optimal ?? {})}.`);
  }
  const log = await collectorLog(world, trial);
  if (!log) throw new Error(`The pod of the optimal trial ${trial} is gone, so what it printed cannot be read. Fix: keep trial resources (trialTemplate.retain: true), as the scenario's Experiment does.`);
  const problem = recordedMetricProblem(metric, recorded.latest, printedValues(log, metric));
  if (problem) throw new Error(`The optimal trial ${trial}: ${problem} Its log ends:\n${log.split('\n').slice(-COLLECTOR_LINES).join('\n')}`);
}

/** What Katib made for the Experiment's suggestion service: a Deployment and a Service named <experiment>-<algorithm>. */
async function awaitGone(world: KubeflowWorld, kind: KindRef, name: string, resumePolicy: string): Promise<void> {
  const why =
    resumePolicy === 'Never'
      ? "Katib deletes the suggestion service of an Experiment that ended with resumePolicy Never, as this one's is: check the Katib controller's log."
      : `the Experiment's resumePolicy is ${resumePolicy}, with which Katib keeps the suggestion service for a resume. Fix: leave resumePolicy out of its manifest, or set it to Never.`;
  await world.waitFor<KubernetesObject>({
    what: `the suggestion's ${kind.kind} ${name} to be deleted`,
    kind,
    name,
    timeoutMs: world.config.timeouts.controllerActs,
    evaluate: (found) => (found.length === 0 ? met() : waiting(`${kind.kind} ${name} is still there`)),
    diagnose: () => why,
  });
}

/** With resumePolicy Never (Katib's default), Katib deletes the suggestion's Deployment and Service once the Experiment ends. */
export async function expectSuggestionGone(world: KubeflowWorld): Promise<void> {
  const experiment = await readExperiment(world);
  const name = `${experiment.metadata?.name}-${experiment.spec?.algorithm?.algorithmName}`;
  const resumePolicy = experiment.spec?.resumePolicy ?? 'Never';
  await awaitGone(world, KINDS.Deployment, name, resumePolicy);
  await awaitGone(world, KINDS.Service, name, resumePolicy);
}
