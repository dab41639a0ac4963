import type { V1Namespace } from '@kubernetes/client-node';
import type { Clients } from './client';
import { createOnce } from './create';
import { explain, isNotFound } from './errors';
import { KINDS } from './kinds';
import { harnessLabels, KATIB_INJECTION_LABEL, PROFILE_LABEL, PROFILE_VALUE } from './labels';
import { waitFor } from '../wait/watch';
import { met, waiting } from '../wait/verdict';

/** A fresh namespace for one scenario, labelled as the profile controller labels a profile's, so PodDefaults and Katib's metrics collector apply in it. */
export async function createScenarioNamespace(clients: Clients, prefix: string, runId: string): Promise<string> {
  const namespace: V1Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      generateName: `${prefix}-`,
      labels: { ...harnessLabels(runId), [PROFILE_LABEL]: PROFILE_VALUE, [KATIB_INJECTION_LABEL]: 'enabled' },
    },
  };
  try {
    return (await createOnce(clients, namespace)).metadata?.name as string;
  } catch (error) {
    throw explain(error, `Creating a namespace for the scenario (${prefix}-*)`);
  }
}

/** Deletes a namespace and waits until it is gone. */
export async function deleteNamespace(clients: Clients, name: string, timeoutMs: number): Promise<void> {
  await requestNamespaceDeletion(clients, name);
  await awaitNamespaceGone(clients, name, timeoutMs);
}

/** Asks for a namespace's deletion; the namespace controller then empties it, which takes seconds. */
export async function requestNamespaceDeletion(clients: Clients, name: string): Promise<void> {
  try {
    await clients.core.deleteNamespace({ name, propagationPolicy: 'Background' });
  } catch (error) {
    if (!isNotFound(error)) throw explain(error, `Deleting namespace ${name}`);
  }
}

/** A namespace stuck in Terminating is reported with what its conditions say still holds it. */
export async function awaitNamespaceGone(clients: Clients, name: string, timeoutMs: number): Promise<void> {
  await waitFor<V1Namespace>(clients, {
    what: `namespace ${name} to be deleted`,
    kind: KINDS.Namespace,
    name,
    timeoutMs,
    interruptible: false,
    evaluate: (found) => (found.length === 0 ? met() : waiting(terminatingSummary(found[0]))),
  });
}

function terminatingSummary(namespace: V1Namespace): string {
  const holding = (namespace.status?.conditions ?? [])
    .filter((condition) => condition.status === 'True')
    .map((condition) => `${condition.type}: ${condition.message}`);
  return `namespace ${namespace.metadata?.name} is ${namespace.status?.phase ?? 'present'}` +
    (holding.length ? `; still holding it: ${holding.join('; ')}` : '');
}
