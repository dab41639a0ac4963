import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { admissionRefusal } from '../cluster/admission';
import { unansweredWebhook, unansweredWebhookFix } from '../cluster/errors';
import type { Clients } from '../cluster/client';
import { KINDS } from '../cluster/kinds';
import { readLog } from '../cluster/logs';
import { podTrouble, podWaiting, type PodTrouble, type PodWaiting } from '../cluster/pod-trouble';
import { formatDuration } from './duration';
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
  /** How long a pod may wait on something outside it (a node, a volume) before the wait ends (POD_STUCK). */
  patienceMs: number;
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

/** The pods a guard watches: those of a label selector, or one pod by name. */
export type GuardedPods = { labelSelector: string; podName?: undefined } | { podName: string; labelSelector?: undefined };

/**
 * Says at once that a pod waits on something outside it, and ends the guard once it
 * has waited the guard's patience: the scheduler or kubelet says why from its first
 * second, but a node or a volume may still come, so it is given that long.
 */
class Patience {
  private timer?: NodeJS.Timeout;
  private current?: PodWaiting;

  constructor(
    private readonly guard: Guard,
    private readonly expired: (waited: PodWaiting) => void,
  ) {}

  update(waited: PodWaiting | undefined): void {
    if (waited?.sentence === this.current?.sentence && waited?.since === this.current?.since) return;
    this.stop();
    this.current = waited;
    if (!waited) return;
    const leftMs = Math.max(0, waited.since + this.guard.patienceMs - Date.now());
    const time = new Date().toISOString().slice(11, 19);
    process.stderr.write(
      `[kubeflow-bdd ${time}] ${this.guard.what}: ${waited.sentence} (the wait ends in ${formatDuration(leftMs)} unless it moves on: KUBEFLOW_BDD_TIMEOUT_POD_STUCK)\n`,
    );
    this.timer = setTimeout(() => this.expired(waited), leftMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/**
 * Watches the guarded pods and their events: a container stuck where waiting cannot
 * help ends the guard at once; a pod waiting on a node or a volume ends it after the
 * guard's patience.
 */
function watchPodTrouble(guard: Guard & GuardedPods, signal: AbortSignal): Promise<never> {
  const since = Math.floor(guard.since.getTime() / 1000) * 1000;
  let pods: V1Pod[] = [];
  let events: CoreV1Event[] = [];
  let found: PodTrouble | undefined;
  const stop = new AbortController();
  return new Promise<never>((_, reject) => {
    const patience = new Patience(guard, (waited) =>
      fail(
        new WaitError(
          `Stopped waiting for ${guard.what}: ${waited.sentence}. It waited ${formatDuration(guard.patienceMs)} for that to change (KUBEFLOW_BDD_TIMEOUT_POD_STUCK).\nFix: ${waited.fix}.`,
          waited.sentence,
          false,
        ),
      ),
    );
    const stopAll = () => {
      patience.stop();
      stop.abort();
    };
    signal.addEventListener('abort', stopAll);
    const fail = (error: unknown) => {
      stopAll();
      reject(error);
    };
    const judge = () => {
      if (!stop.signal.aborted) patience.update(podWaiting(pods, events));
    };
    const watches = { timeoutMs: guard.timeoutMs + 60_000, signal: stop.signal, namespace: guard.namespace, what: guard.what };
    waitFor<V1Pod>(guard.clients, {
      ...watches,
      kind: KINDS.Pod,
      ...(guard.podName ? { name: guard.podName } : { labelSelector: guard.labelSelector }),
      evaluate: (current) => {
        pods = current;
        found = podTrouble(pods);
        if (found) return impossible(found.sentence);
        judge();
        return waiting('no pod in trouble');
      },
    }).then(
      () => undefined,
      async (error: unknown) => {
        if (!found) return fail(error);
        const reason = await withLastLines(guard.clients, guard.namespace, found);
        fail(new WaitError(`Stopped waiting for ${guard.what}: ${reason}`, reason, false));
      },
    );
    waitFor<CoreV1Event>(guard.clients, {
      ...watches,
      kind: KINDS.Event,
      fieldSelector: 'involvedObject.kind=Pod',
      evaluate: (current) => {
        events = current.filter((event) => lastSeen(event) >= since);
        judge();
        return waiting('watching the events of pods');
      },
    }).catch(fail);
  });
}

/**
 * Guards a wait (a job reaching Succeeded) with the pods doing the work: when one of
 * them gets stuck where waiting cannot help (an image that cannot be pulled, a crash
 * loop, OOMKilled, an eviction), the wait ends at once with that cause instead of at
 * its timeout; one that waits for a node or a volume ends it after POD_STUCK.
 * With owners, their events guard it too: pods that were never created say why there.
 */
export function guardedByPods<T>(guard: Guard & GuardedPods & { owners?: Owner[] }, main: (signal: AbortSignal) => Promise<T>): Promise<T> {
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
