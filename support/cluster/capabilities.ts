import type { Clients } from './client';
import { explain, isNotFound, isUnservedKind } from './errors';
import { crdName, kindOf, type KindRef } from './kinds';

/** Which Kubeflow component installs each custom kind, for the fix in an error. */
const PROVIDED_BY: Record<string, string> = {
  PyTorchJob: 'the Kubeflow Training Operator v1',
  TFJob: 'the Kubeflow Training Operator v1',
  TrainJob: 'Kubeflow Trainer v2',
  JobSet: 'JobSet (sigs.k8s.io/jobset), which Kubeflow Trainer v2 needs',
  Notebook: 'the Kubeflow notebook controller',
  PodDefault: 'the Kubeflow admission webhook (PodDefault)',
  Profile: 'the Kubeflow profile controller',
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

/**
 * Whether the API server serves a kind of an API group, from its discovery document: asks nothing
 * of the identity's rights in any namespace, so it suits a check before the run.
 */
export async function servesKind(clients: Clients, kind: KindRef): Promise<boolean> {
  if (!kind.apiVersion.includes('/')) return true; // the core group: Pods, Secrets, ...
  const [group, version] = kind.apiVersion.split('/');
  try {
    const served = await clients.customObjects.getAPIResources({ group, version });
    return served.resources.some((resource) => resource.kind === kind.kind);
  } catch (error) {
    if (isNotFound(error)) return false;
    throw explain(error, `Asking the cluster whether it serves ${kind.kind}`);
  }
}
