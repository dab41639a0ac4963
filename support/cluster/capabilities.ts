import type { Clients } from './client';
import { explain, isUnservedKind } from './errors';
import { crdName, kindOf, type KindRef } from './kinds';

/** Which Kubeflow component installs each custom kind, for the fix in an error. */
const PROVIDED_BY: Record<string, string> = {
  PyTorchJob: 'the Kubeflow training operator',
  TFJob: 'the Kubeflow training operator',
  Notebook: 'the Kubeflow notebook controller',
  PodDefault: 'the Kubeflow admission webhook (PodDefault)',
};

/** Names the missing kind, its CRD where the harness knows it, and the component to install. */
export function notServedError(object: { apiVersion?: string; kind?: string }): Error {
  const ref = kindOf(object);
  const missing = ref ? `the CustomResourceDefinition ${crdName(ref)} is missing` : 'no CustomResourceDefinition provides it';
  const fix = PROVIDED_BY[object.kind ?? ''] ?? 'the component that provides this kind, or correct apiVersion and kind in the manifest';
  return new Error(`The cluster does not serve ${object.kind} (${object.apiVersion}): ${missing}.\nFix: install ${fix}, then run again.`);
}

/**
 * Fails in the first second when the cluster does not serve a kind a scenario needs,
 * instead of letting the scenario time out on an object nobody will ever handle.
 */
export async function requireServed(clients: Clients, kind: KindRef, namespace: string): Promise<void> {
  try {
    await clients.objects.list(kind.apiVersion, kind.kind, namespace, undefined, undefined, undefined, undefined, undefined, 1);
  } catch (error) {
    throw isUnservedKind(error) ? notServedError(kind) : explain(error, `Listing ${kind.plural}`);
  }
}

export async function isServed(clients: Clients, kind: KindRef, namespace: string): Promise<boolean> {
  return requireServed(clients, kind, namespace).then(
    () => true,
    () => false,
  );
}
