import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import type { Clients } from './client';
import { isNotFound } from './errors';

const API_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** The latest moment anywhere in an object's status: its conditions' transitions, its containers' starts and ends, a completion time. */
export function latestStatusTime(object: KubernetesObject & { status?: unknown }): number | undefined {
  let latest: number | undefined;
  const visit = (value: unknown): void => {
    if (value instanceof Date) latest = Math.max(latest ?? 0, value.getTime());
    else if (typeof value === 'string' && API_TIME.test(value)) latest = Math.max(latest ?? 0, Date.parse(value));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(object.status);
  return latest;
}

const createdAt = (object: KubernetesObject): number => new Date(object.metadata?.creationTimestamp ?? NaN).getTime();

/**
 * The cluster's own time for what a scenario made: from the first object's creation to
 * the last change in the status of any of them, or of the pods made in their namespace
 * since, by the API server's clock. That clock counts whole seconds, so each figure is
 * within a second either way. Undefined when the scenario made nothing.
 */
export async function clusterSeconds(clients: Clients, namespace: string, created: readonly KubernetesObject[]): Promise<number | undefined> {
  const first = Math.min(...created.map(createdAt).filter(Number.isFinite));
  if (!Number.isFinite(first)) return undefined;
  const current = await Promise.all(
    created.map((object) =>
      clients.objects.read(object as KubernetesObject & { metadata: { name: string } }).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      }),
    ),
  );
  const pods = (await clients.core.listNamespacedPod({ namespace })).items.filter((pod: V1Pod) => createdAt(pod) >= first);
  const ends = [...current, ...pods].flatMap((object) => (object ? [latestStatusTime(object) ?? createdAt(object)] : []));
  const last = Math.max(first, ...ends.filter(Number.isFinite));
  return (last - first) / 1000;
}
