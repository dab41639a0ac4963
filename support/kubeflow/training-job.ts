import type { KubernetesObject } from '@kubernetes/client-node';
import { impossible, met, waiting, type Verdict } from '../wait/verdict';

/** The status the Kubeflow training operator (v1 API) writes on PyTorchJobs and TFJobs. */
export interface JobCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface ReplicaStatus {
  active?: number;
  succeeded?: number;
  failed?: number;
}

export interface ReplicaSpec {
  replicas?: number;
}

export interface TrainingJob extends KubernetesObject {
  spec?: Record<string, unknown> & { runPolicy?: unknown };
  status?: {
    conditions?: JobCondition[];
    replicaStatuses?: Record<string, ReplicaStatus>;
    startTime?: string;
    completionTime?: string;
  };
}

/** PyTorchJob keeps its replicas in pytorchReplicaSpecs, TFJob in tfReplicaSpecs. */
export function replicaSpecs(job: TrainingJob): Record<string, ReplicaSpec> {
  const key = Object.keys(job.spec ?? {}).find((name) => name.endsWith('ReplicaSpecs'));
  return (key ? job.spec?.[key] : {}) as Record<string, ReplicaSpec>;
}

const isTrue = (job: TrainingJob, type: string): boolean =>
  (job.status?.conditions ?? []).some((condition) => condition.type === type && condition.status === 'True');

/** "Created (JobCreated) 10:01:02 → Running (JobRunning) 10:01:05: message" */
export function conditionTimeline(job: { status?: { conditions?: JobCondition[] } }): string {
  const conditions = [...(job.status?.conditions ?? [])].sort((a, b) =>
    (a.lastTransitionTime ?? '').localeCompare(b.lastTransitionTime ?? ''),
  );
  if (conditions.length === 0) return 'no conditions yet';
  return conditions
    .map((c) => `${c.type}=${c.status} (${c.reason ?? 'no reason'}) at ${c.lastTransitionTime ?? '?'}${c.message ? `: ${c.message}` : ''}`)
    .join(' → ');
}

/** "Master: 0 active, 1 succeeded, 0 failed (of 1); Worker: ..." */
export function replicaCounts(job: TrainingJob): string {
  const specs = replicaSpecs(job);
  const statuses = job.status?.replicaStatuses ?? {};
  const types = [...new Set([...Object.keys(specs), ...Object.keys(statuses)])];
  if (types.length === 0) return 'no replicas';
  return types
    .map((type) => {
      const s = statuses[type] ?? {};
      return `${type}: ${s.active ?? 0} active, ${s.succeeded ?? 0} succeeded, ${s.failed ?? 0} failed (of ${specs[type]?.replicas ?? '?'})`;
    })
    .join('; ');
}

function jobState(job: TrainingJob): string {
  return `${job.kind} ${job.metadata?.name}: ${conditionTimeline(job)}; replicas: ${replicaCounts(job)}`;
}

/** Succeeded is the goal; Failed is final, so the wait ends at once with the whole story. */
export function hasSucceeded(jobs: TrainingJob[]): Verdict {
  const job = jobs[0];
  if (!job) return waiting('the job does not exist (yet)');
  if (isTrue(job, 'Succeeded')) return met();
  if (isTrue(job, 'Failed')) return impossible(`the job Failed and will not succeed. ${jobState(job)}`);
  return waiting(jobState(job));
}

export function diagnoseJob(jobs: TrainingJob[]): string | undefined {
  const job = jobs[0];
  if (!job) return 'the job was deleted while waiting.';
  if (!job.status?.conditions?.length) {
    return 'no training operator has touched the job (it has no status): check that the training operator is running and enabled for this kind.';
  }
  if (isTrue(job, 'Created') && !isTrue(job, 'Running')) {
    return 'the operator created the job but its pods never all ran: see the pod states and events attached to this step.';
  }
  return undefined;
}
