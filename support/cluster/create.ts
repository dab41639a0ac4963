import type { KubernetesObject } from '@kubernetes/client-node';
import type { Clients } from './client';
import type { Cleaner } from './cleaner';
import { describe } from './cleaner';
import { explain, isNotFound } from './errors';
import { harnessLabels } from './labels';

export interface CreateContext {
  clients: Clients;
  cleaner: Cleaner;
  namespace: string;
  runId: string;
}

/**
 * Creates objects in the scenario's namespace, labelled with the run id, and
 * registers each with the cleaner before anything can fail after it.
 */
export async function createObjects<T extends KubernetesObject>(context: CreateContext, objects: T[]): Promise<T[]> {
  const created: T[] = [];
  for (const object of objects) {
    object.metadata = {
      ...object.metadata,
      namespace: object.metadata?.namespace ?? context.namespace,
      labels: { ...object.metadata?.labels, ...harnessLabels(context.runId) },
    };
    try {
      const result = (await context.clients.objects.create(object, undefined, undefined, 'kubeflow-bdd')) as T;
      context.cleaner.register(result);
      created.push(result);
    } catch (error) {
      throw unknownKind(error, object) ?? explain(error, `Creating ${describe(object)}`);
    }
  }
  return created;
}

/** The client library reports an unserved kind as a bare 404 on discovery: say which CRD is missing. */
function unknownKind(error: unknown, object: KubernetesObject): Error | undefined {
  const text = String((error as Error)?.message ?? '');
  if (!isNotFound(error) && !/Unrecognized API version and kind/i.test(text)) return undefined;
  if (isNotFound(error) && !/page not found|the server could not find the requested resource/i.test(JSON.stringify((error as { body?: unknown }).body ?? ''))) {
    return undefined;
  }
  return new Error(
    `The cluster does not serve ${object.kind} (${object.apiVersion}), so ${describe(object)} cannot be created.\n` +
      'Fix: install the Kubeflow component that provides this kind (its CustomResourceDefinition), or correct apiVersion/kind in the manifest.',
  );
}
