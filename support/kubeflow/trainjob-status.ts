import type { CoreV1Event, KubernetesObject } from '@kubernetes/client-node';
import { JOB_INDEX_LABEL } from '../cluster/labels';
import { unansweredWebhook, unansweredWebhookFix } from '../cluster/errors';
import { impossible, met, waiting, type Verdict } from '../wait/verdict';
import { conditionTimeline, type JobCondition } from './training-job';

/** One replicated job of the TrainJob's JobSet (torch-distributed has one: node), counted in Jobs. */
export interface ReplicatedJobStatus {
  name: string;
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  suspended?: number;
}

/** Kubeflow Trainer v2's TrainJob (trainer.kubeflow.org/v1alpha1), as far as the harness reads it. */
export interface TrainJob extends KubernetesObject {
  spec?: { runtimeRef?: { name?: string; kind?: string }; trainer?: { numNodes?: number; image?: string } };
  status?: { conditions?: JobCondition[]; jobsStatus?: ReplicatedJobStatus[] };
}

/** The labels JobSet puts on the pods of a TrainJob's nodes; Kubernetes adds the completion index. */
export const JOBSET_NAME_LABEL = 'jobset.sigs.k8s.io/jobset-name';
export const NODE_INDEX_LABEL = JOB_INDEX_LABEL;
/** The event Kubeflow Trainer records on a TrainJob whose JobSet it could not create or update. */
const RESOURCES_FAILED = 'TrainJobResourcesCreationFailed';

/** "node: 1 active, 0 ready, 0 succeeded, 0 failed (Jobs)" */
export function jobsCounts(job: TrainJob): string {
  const jobs = job.status?.jobsStatus ?? [];
  if (jobs.length === 0) return 'no jobs yet';
  return jobs
    .map((j) => `${j.name}: ${j.active ?? 0} active, ${j.ready ?? 0} ready, ${j.succeeded ?? 0} succeeded, ${j.failed ?? 0} failed`)
    .join('; ');
}

const condition = (job: TrainJob, type: string): JobCondition | undefined =>
  job.status?.conditions?.find((c) => c.type === type && c.status === 'True');

function trainJobState(job: TrainJob): string {
  return `TrainJob ${job.metadata?.name}: ${conditionTimeline(job)}; jobs: ${jobsCounts(job)}`;
}

/** Complete is the goal; Failed is final (FailedJobs, DeadlineExceeded, TrainingRuntimeNotSupported), so the wait ends at once. */
export function hasCompleted(jobs: TrainJob[]): Verdict {
  const job = jobs[0];
  if (!job) return waiting('the TrainJob does not exist (yet)');
  if (condition(job, 'Complete')) return met();
  const failed = condition(job, 'Failed');
  if (failed) {
    return impossible(`the TrainJob Failed (${failed.reason ?? 'no reason'}: ${failed.message ?? 'no message'}) and will not complete. Jobs: ${jobsCounts(job)}`);
  }
  return waiting(trainJobState(job));
}

export function diagnoseTrainJob(jobs: TrainJob[]): string | undefined {
  const job = jobs[0];
  if (!job) return 'the TrainJob was deleted while waiting.';
  if (!job.status?.jobsStatus?.length) {
    return 'Kubeflow Trainer has not reported on the TrainJob\'s JobSet: check that the Trainer controller manager and the JobSet controller run.';
  }
  return undefined;
}

/**
 * Kubeflow Trainer says on the TrainJob when it cannot make the JobSet (JobSet's
 * webhook does not answer, the JobSet API is missing): it retries, but not to
 * any end the wait could see, so that event ends the wait with its cause.
 */
export function trainerRefusal(event: CoreV1Event): string | undefined {
  if (event.type !== 'Warning' || event.reason !== RESOURCES_FAILED) return undefined;
  const webhook = unansweredWebhook(event.message);
  const fix = webhook ? unansweredWebhookFix(webhook) : "read the message above and the Trainer controller manager's log.";
  return `Kubeflow Trainer could not create the TrainJob's JobSet. It said: ${event.message}\nFix: ${fix}`;
}
