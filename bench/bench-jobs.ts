import { CustomObjectsApi } from '@kubernetes/client-node';
import type { Clients } from '../support/cluster/client';
import { createOnce } from '../support/cluster/create';
import { KINDS } from '../support/cluster/kinds';
import { harnessLabels } from '../support/cluster/labels';
import type { TrainingJob } from '../support/kubeflow/training-job';

/**
 * PyTorchJobs no controller touches: runPolicy.managedBy names another manager
 * (Kueue's MultiKueue, a value the training operator accepts and then leaves
 * alone), so the bench alone writes their conditions and knows the moment it did.
 */
export async function createUnmanagedJobs(clients: Clients, namespace: string, runId: string, names: string[]): Promise<void> {
  for (const name of names) {
    const job: TrainingJob = {
      apiVersion: KINDS.PyTorchJob.apiVersion,
      kind: KINDS.PyTorchJob.kind,
      metadata: { name, namespace, labels: harnessLabels(runId) },
      spec: {
        runPolicy: { managedBy: 'kueue.x-k8s.io/multikueue' },
        pytorchReplicaSpecs: {
          Master: { replicas: 1, restartPolicy: 'Never', template: { spec: { containers: [{ name: 'pytorch', image: 'kubeflow-bdd.invalid/never-runs' }] } } },
        },
      },
    } as TrainingJob;
    await createOnce(clients, job);
  }
}

/** Writes the job's final condition through the status subresource; resolves when the API server has it. */
export async function writeFinalCondition(clients: Clients, namespace: string, name: string, type: 'Succeeded' | 'Failed'): Promise<void> {
  const now = new Date().toISOString();
  const condition = (kind: string, reason: string) => ({ type: kind, status: 'True', reason, message: `written by the bench`, lastUpdateTime: now, lastTransitionTime: now });
  const status = {
    conditions: [condition('Created', 'PyTorchJobCreated'), condition(type, type === 'Succeeded' ? 'PyTorchJobSucceeded' : 'PyTorchJobFailed')],
    replicaStatuses: { Master: type === 'Succeeded' ? { succeeded: 1 } : { failed: 1 } },
  };
  await clients.kubeConfig.makeApiClient(CustomObjectsApi).patchNamespacedCustomObjectStatus({
    group: 'kubeflow.org',
    version: 'v1',
    namespace,
    plural: KINDS.PyTorchJob.plural,
    name,
    body: [{ op: 'add', path: '/status', value: status }],
  });
}
