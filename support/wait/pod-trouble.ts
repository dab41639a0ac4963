import type { V1Pod } from '@kubernetes/client-node';
import type { Clients } from '../cluster/client';
import { KINDS } from '../cluster/kinds';
import { readLog } from '../cluster/logs';
import { podTrouble, type PodTrouble } from '../cluster/pod-trouble';
import { WaitError, impossible, waiting } from './verdict';
import { waitFor } from './watch';

const CRASH_LOG_LINES = 5;

export interface GuardedWait {
  clients: Clients;
  namespace: string;
  /** The pods that do the work awaited: a job's replicas, a builder. */
  labelSelector: string;
  /** The awaited state, as the main wait names it. */
  what: string;
  timeoutMs: number;
}

/** The message of a crash, with the last lines the crashed container printed. */
async function withLastLines(clients: Clients, namespace: string, trouble: PodTrouble): Promise<string> {
  if (!trouble.crashed) return trouble.sentence;
  const log = await readLog(clients, { namespace, pod: trouble.pod, container: trouble.container, previous: true, tailLines: CRASH_LOG_LINES }).catch(() => '');
  const lines = log.trimEnd();
  return lines ? `${trouble.sentence}. Its last lines:\n${lines}` : trouble.sentence;
}

/**
 * Runs a wait on an object (a job reaching Succeeded) while a second watch guards
 * the pods doing the work: when one of them gets stuck where waiting cannot help
 * (an image that cannot be pulled, a crash loop, OOMKilled), the wait ends at once
 * with that cause instead of at its timeout.
 */
export async function guardedByPods<T>(guard: GuardedWait, main: (signal: AbortSignal) => Promise<T>): Promise<T> {
  // Whichever ends first stops the other.
  const stop = new AbortController();
  let found: PodTrouble | undefined;
  const watchdog = waitFor<V1Pod>(guard.clients, {
    what: guard.what,
    kind: KINDS.Pod,
    namespace: guard.namespace,
    labelSelector: guard.labelSelector,
    timeoutMs: guard.timeoutMs + 60_000,
    signal: stop.signal,
    evaluate: (pods) => {
      found = podTrouble(pods);
      return found ? impossible(found.sentence) : waiting('no pod in trouble');
    },
  }).then(
    () => new Promise<never>(() => undefined),
    async (error: unknown) => {
      if (!found) throw error;
      const reason = await withLastLines(guard.clients, guard.namespace, found);
      throw new WaitError(`Stopped waiting for ${guard.what}: ${reason}`, reason, false);
    },
  );
  try {
    return await Promise.race([main(stop.signal), watchdog]);
  } finally {
    stop.abort();
  }
}
