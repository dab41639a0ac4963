import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { admissionRefusal } from '../cluster/admission';
import { unansweredWebhook, unansweredWebhookFix } from '../cluster/errors';
import type { Clients } from '../cluster/client';
import { KINDS } from '../cluster/kinds';
import { readLog } from '../cluster/logs';
import { podTrouble, type PodTrouble } from '../cluster/pod-trouble';
import { WaitError, impossible, waiting } from './verdict';
import { waitFor } from './watch';

const CRASH_LOG_LINES = 5;
/** The reasons controllers give in an event when they cannot create a pod. */
const FAILED_CREATE = new Set(['FailedCreate', 'FailedCreatePod']);

/** Where a guard watches, beside the wait it guards. */
export interface Guard {
  clients: Clients;
  namespace: string;
  /** The awaited state, as the main wait names it. */
  what: string;
  timeoutMs: number;
  /**
   * When the objects guarded were made, at the latest: older events belong to
   * objects of the same names that are gone (a namespace shared by scenarios and
   * runs keeps their events for an hour), and say nothing of these.
   */
  since: Date;
}

/**
 * Runs a wait while a second watch guards it: whichever ends first stops the other.
 * A guard never resolves; it rejects with the reason the main wait cannot succeed.
 */
async function raceWithGuard<T>(main: (signal: AbortSignal) => Promise<T>, guard: (signal: AbortSignal) => Promise<never>): Promise<T> {
  const stop = new AbortController();
  try {
    return await Promise.race([main(stop.signal), guard(stop.signal)]);
  } finally {
    stop.abort();
  }
}

const never = (): Promise<never> => new Promise<never>(() => undefined);

/** The message of a crash, with the last lines the crashed container printed. */
async function withLastLines(clients: Clients, namespace: string, trouble: PodTrouble): Promise<string> {
  if (!trouble.crashed) return trouble.sentence;
  const log = await readLog(clients, { namespace, pod: trouble.pod, container: trouble.container, previous: true, tailLines: CRASH_LOG_LINES }).catch(() => '');
  const lines = log.trimEnd();
  return lines ? `${trouble.sentence}. Its last lines:\n${lines}` : trouble.sentence;
}

function watchPodTrouble(guard: Guard & { labelSelector: string }, signal: AbortSignal): Promise<never> {
  let found: PodTrouble | undefined;
  return waitFor<V1Pod>(guard.clients, {
    what: guard.what,
    kind: KINDS.Pod,
    namespace: guard.namespace,
    labelSelector: guard.labelSelector,
    timeoutMs: guard.timeoutMs + 60_000,
    signal,
    evaluate: (pods) => {
      found = podTrouble(pods);
      return found ? impossible(found.sentence) : waiting('no pod in trouble');
    },
  }).then(never, async (error: unknown) => {
    if (!found) throw error;
    const reason = await withLastLines(guard.clients, guard.namespace, found);
    throw new WaitError(`Stopped waiting for ${guard.what}: ${reason}`, reason, false);
  });
}

/**
 * Guards a wait (a job reaching Succeeded) with the pods doing the work: when one of
 * them gets stuck where waiting cannot help (an image that cannot be pulled, a crash
 * loop, OOMKilled), the wait ends at once with that cause instead of at its timeout.
 * With owners, their events guard it too: pods that were never created say why there.
 */
export function guardedByPods<T>(guard: Guard & { labelSelector: string; owners?: Owner[] }, main: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return raceWithGuard(main, (signal) =>
    Promise.race([watchPodTrouble(guard, signal), ...(guard.owners ?? []).map((owner) => watchOwnerEvents(guard, owner, signal))]),
  );
}

/** An object whose events can tell why a wait will not succeed, and how to read them. */
export interface Owner {
  kind: string;
  name: string;
  /** The sentence for an event that ends the wait; by default, pod creation refused at admission. */
  refusal?: (event: CoreV1Event) => string | undefined;
}

/** A controller that cannot create a pod says so in a FailedCreate event on itself. */
function podCreationRefused({ kind, name }: Owner): (event: CoreV1Event) => string | undefined {
  return (event) => {
    if (event.type !== 'Warning' || !FAILED_CREATE.has(event.reason ?? '')) return undefined;
    const webhook = unansweredWebhook(event.message);
    if (webhook) return `${kind} ${name} cannot create its pods: the admission webhook ${webhook} does not answer. It said: ${event.message}\nFix: ${unansweredWebhookFix(webhook)}`;
    const refused = admissionRefusal(event.message ?? '');
    return refused && `${kind} ${name} cannot create its pods: ${refused.what}. It said: ${event.message}\nFix: ${refused.fix}`;
  };
}

/** When an event last happened. Event times are whole seconds, so the guard's start is rounded down to compare. */
function lastSeen(event: CoreV1Event): number {
  const at = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp;
  return at ? new Date(at).getTime() : 0;
}

function watchOwnerEvents(guard: Guard, owner: Owner, signal: AbortSignal): Promise<never> {
  const refusal = owner.refusal ?? podCreationRefused(owner);
  const since = Math.floor(guard.since.getTime() / 1000) * 1000;
  return waitFor<CoreV1Event>(guard.clients, {
    what: guard.what,
    kind: KINDS.Event,
    namespace: guard.namespace,
    fieldSelector: `involvedObject.kind=${owner.kind},involvedObject.name=${owner.name}`,
    timeoutMs: guard.timeoutMs + 60_000,
    signal,
    evaluate: (events) => {
      for (const event of events) {
        if (lastSeen(event) < since) continue;
        const sentence = refusal(event);
        if (sentence) return impossible(sentence);
      }
      return waiting('no refusal');
    },
  }).then(never);
}

/**
 * Guards a wait for pods with the events of the objects that make them (a job, a
 * StatefulSet, a TrainJob and its Jobs): a controller whose pods the API server
 * refuses at admission (a ResourceQuota, Pod Security, a webhook) says so only
 * there, and it will not succeed by retrying, so the wait ends at once with the
 * refusal and its fix.
 */
export function guardedByOwnerEvents<T>(guard: Guard & { owners: Owner[] }, main: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return raceWithGuard(main, (signal) => Promise.race(guard.owners.map((owner) => watchOwnerEvents(guard, owner, signal))));
}
