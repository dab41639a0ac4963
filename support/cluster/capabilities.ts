import type { Clients } from './client';
import { explain, isNotFound } from './errors';
import { crdName, type KindRef } from './kinds';

/** Which Kubeflow component installs each custom kind, for the fix in an error. */
const PROVIDED_BY: Record<string, string> = {
  PyTorchJob: 'the Kubeflow training operator',
  TFJob: 'the Kubeflow training operator',
  Notebook: 'the Kubeflow notebook controller',
  PodDefault: 'the Kubeflow admission webhook (PodDefault)',
};

/**
 * Fails in the first second when the cluster does not serve a kind a scenario needs,
 * instead of letting the scenario time out on an object nobody will ever handle.
 */
export async function requireServed(clients: Clients, kind: KindRef, namespace: string): Promise<void> {
  try {
    await clients.objects.list(kind.apiVersion, kind.kind, namespace, undefined, undefined, undefined, undefined, undefined, 1);
  } catch (error) {
    if (!isNotFound(error) && !/Unrecognized API version and kind/i.test(String((error as Error).message))) {
      throw explain(error, `Listing ${kind.plural}`);
    }
    throw new Error(
      `The cluster does not serve ${kind.kind} (${kind.apiVersion}): the CustomResourceDefinition ${crdName(kind)} is missing.\n` +
        `Fix: install ${PROVIDED_BY[kind.kind] ?? 'the component that provides it'}, then run again.`,
    );
  }
}

export async function isServed(clients: Clients, kind: KindRef, namespace: string): Promise<boolean> {
  return requireServed(clients, kind, namespace).then(
    () => true,
    () => false,
  );
}
