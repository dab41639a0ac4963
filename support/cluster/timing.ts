import type { KubernetesObject } from '@kubernetes/client-node';

/** Built-in kinds carry Dates, custom ones the API's strings. */
type Time = Date | string | undefined;

/**
 * Seconds from an object's creation to a later moment, both by the API server's clock,
 * so the figure is the platform's time and not the harness's. Undefined when either is unknown.
 */
export function secondsSinceCreation(object: KubernetesObject | undefined, at: Time): number | undefined {
  const created = object?.metadata?.creationTimestamp;
  if (!created || !at) return undefined;
  const seconds = (new Date(at).getTime() - new Date(created).getTime()) / 1000;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** When a condition of this type last became true. */
export function conditionTime(object: { status?: { conditions?: { type: string; status: string; lastTransitionTime?: Time }[] } } | undefined, type: string): Time {
  return object?.status?.conditions?.find((condition) => condition.type === type && condition.status === 'True')?.lastTransitionTime;
}
