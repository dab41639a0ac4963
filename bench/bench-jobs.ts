import { CustomObjectsApi, type KubernetesObject } from '@kubernetes/client-node';
import type { Clients } from '../support/cluster/client';
import { createOnce } from '../support/cluster/create';
import { KINDS, type KindRef } from '../support/cluster/kinds';
import { harnessLabels } from '../support/cluster/labels';
import { hasSucceeded } from '../support/kubeflow/training-job';
import { hasCompleted } from '../support/kubeflow/trainjob-status';
import type { Verdict } from '../support/wait/verdict';

/** How a job ends in the bench: its kind's goal (Succeeded, Complete), or Failed. */
export type Outcome = 'goal' | 'Failed';

/**
 * A kind of job the bench waits for. Its jobs are ones no controller touches: their
 * managedBy names another manager (Kueue's MultiKueue, a value the training operator
 * and Kubeflow Trainer accept and then leave alone), so the bench alone writes their
 * conditions and knows the moment it did.
 */
export interface BenchKind {
  kind: KindRef;
  /** The condition that ends a wait well: Succeeded for a PyTorchJob, Complete for a TrainJob. */
  goal: string;
  /** The harness's own verdict on the kind, as its steps use it. */
  evaluate: (jobs: KubernetesObject[]) => Verdict;
  unmanaged: (name: string, namespace: string, runId: string) => KubernetesObject;
  /** The status a controller would write for that end. */
  finalStatus: (outcome: Outcome, condition: (type: string, reason: string) => object) => object;
}

const MULTIKUEUE = 'kueue.x-k8s.io/multikueue';

export const PYTORCHJOB: BenchKind = {
  kind: KINDS.PyTorchJob,
  goal: 'Succeeded',
  evaluate: hasSucceeded as BenchKind['evaluate'],
  unmanaged: (name, namespace, runId) => ({
    apiVersion: KINDS.PyTorchJob.apiVersion,
    kind: KINDS.PyTorchJob.kind,
    metadata: { name, namespace, labels: harnessLabels(runId) },
    spec: {
      runPolicy: { managedBy: MULTIKUEUE },
      pytorchReplicaSpecs: { Master: { replicas: 1, restartPolicy: 'Never', template: { spec: { containers: [{ name: 'pytorch', image: 'kubeflow-bdd.invalid/never-runs' }] } } } },
    },
  }) as KubernetesObject,
  finalStatus: (outcome, condition) => ({
    conditions: [condition('Created', 'PyTorchJobCreated'), outcome === 'goal' ? condition('Succeeded', 'PyTorchJobSucceeded') : condition('Failed', 'PyTorchJobFailed')],
    replicaStatuses: { Master: outcome === 'goal' ? { succeeded: 1 } : { failed: 1 } },
  }),
};

/** The runtime the bench's TrainJobs name: the sandbox installs Kubeflow Trainer's default one. */
const TRAINING_RUNTIME = 'torch-distributed';

export const TRAINJOB: BenchKind = {
  kind: KINDS.TrainJob,
  goal: 'Complete',
  evaluate: hasCompleted as BenchKind['evaluate'],
  unmanaged: (name, namespace, runId) => ({
    apiVersion: KINDS.TrainJob.apiVersion,
    kind: KINDS.TrainJob.kind,
    metadata: { name, namespace, labels: harnessLabels(runId) },
    spec: { managedBy: MULTIKUEUE, runtimeRef: { name: TRAINING_RUNTIME }, trainer: { image: 'kubeflow-bdd.invalid/never-runs' } },
  }) as KubernetesObject,
  finalStatus: (outcome, condition) => ({
    conditions: [outcome === 'goal' ? condition('Complete', 'JobsCompleted') : condition('Failed', 'FailedJobs')],
  }),
};

export async function createUnmanagedJobs(clients: Clients, bench: BenchKind, namespace: string, runId: string, names: string[]): Promise<void> {
  for (const name of names) await createOnce(clients, bench.unmanaged(name, namespace, runId));
}

/** Writes the job's final condition through the status subresource; resolves when the API server has it. */
export async function writeFinalCondition(clients: Clients, bench: BenchKind, namespace: string, name: string, outcome: Outcome): Promise<void> {
  const now = new Date().toISOString();
  const condition = (type: string, reason: string) => ({ type, status: 'True', reason, message: 'written by the bench', lastUpdateTime: now, lastTransitionTime: now });
  const [group, version] = bench.kind.apiVersion.split('/');
  await clients.kubeConfig.makeApiClient(CustomObjectsApi).patchNamespacedCustomObjectStatus({
    group,
    version,
    namespace,
    plural: bench.kind.plural,
    name,
    body: [{ op: 'add', path: '/status', value: bench.finalStatus(outcome, condition) }],
  });
}
