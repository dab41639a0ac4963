import { randomBytes, randomUUID } from 'node:crypto';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Clients } from './client';
import type { Cleaner } from './cleaner';
import { describe } from './cleaner';
import { notServedError } from './capabilities';
import { explain, httpStatus, isUnservedKind } from './errors';
import { kindOf } from './kinds';
import { harnessLabels } from './labels';

export interface CreateContext {
  clients: Clients;
  cleaner: Cleaner;
  namespace: string;
  runId: string;
}

/**
 * Marks each create request. A create whose answer was lost with a dropped connection
 * is sent again and meets its own object; the mark tells that apart from someone else's.
 */
const CREATE_TOKEN = 'kubeflow-bdd.io/create-token';

/** Five random characters, as the server appends to a generateName. */
const nameSuffix = (): string => randomBytes(4).toString('hex').slice(0, 5);

/**
 * Creates one object exactly once, even when the client library had to send the request
 * again. A generateName is resolved here: the server would make a second object for it.
 */
export async function createOnce<T extends KubernetesObject>(clients: Clients, object: T): Promise<T> {
  const token = randomUUID();
  const { generateName, ...metadata } = object.metadata ?? {};
  object.metadata = {
    ...metadata,
    name: metadata.name ?? (generateName ? `${generateName}${nameSuffix()}` : undefined),
    annotations: { ...metadata.annotations, [CREATE_TOKEN]: token },
  };
  try {
    return (await clients.objects.create(object, undefined, undefined, 'kubeflow-bdd')) as T;
  } catch (error) {
    const { name, namespace } = object.metadata;
    if (httpStatus(error) !== 409 || !name) throw error;
    const existing = await clients.objects.read({ apiVersion: object.apiVersion, kind: object.kind, metadata: { name, namespace } }).catch(() => undefined);
    if (existing?.metadata?.annotations?.[CREATE_TOKEN] !== token) throw error;
    return existing as T;
  }
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
      // A cluster-scoped kind (a Profile) has no namespace.
      namespace: kindOf(object)?.namespaced === false ? undefined : object.metadata?.namespace ?? context.namespace,
      labels: { ...object.metadata?.labels, ...harnessLabels(context.runId) },
    };
    try {
      const result = await createOnce(context.clients, object);
      context.cleaner.register(result);
      created.push(result);
    } catch (error) {
      throw isUnservedKind(error) ? notServedError(object) : explain(error, `Creating ${describe(object)}`);
    }
  }
  return created;
}
