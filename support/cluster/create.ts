import type { KubernetesObject } from '@kubernetes/client-node';
import type { Clients } from './client';
import type { Cleaner } from './cleaner';
import { describe } from './cleaner';
import { notServedError } from './capabilities';
import { explain, isUnservedKind } from './errors';
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
      throw isUnservedKind(error) ? notServedError(object) : explain(error, `Creating ${describe(object)}`);
    }
  }
  return created;
}
