import type { KubernetesObject } from '@kubernetes/client-node';
import type { Clients } from '../cluster/client';
import { explain, httpStatus, isTransient } from '../cluster/errors';
import { collectionPath, type KindRef } from '../cluster/kinds';
import { interruption } from '../interrupt';
import { formatDuration } from './duration';
import { WaitError, type Verdict } from './verdict';

export interface WaitSpec<T extends KubernetesObject> {
  /** What is awaited, in words: "PyTorchJob mnist to reach Succeeded". */
  what: string;
  kind: KindRef;
  namespace?: string;
  labelSelector?: string;
  /** Watch a single object by name. */
  name?: string;
  /** Or the objects a field selector picks, such as the events of one object. */
  fieldSelector?: string;
  timeoutMs: number;
  /** Judges the current set of matching objects after every change. */
  evaluate: (objects: T[]) => Verdict;
  /** Adds the most likely cause to a timeout message, from the last objects seen. */
  diagnose?: (objects: T[]) => string | undefined;
  /** Cleanup waits say false: an interrupted run must still see its namespaces gone. */
  interruptible?: boolean;
  /** Called on every change and every PROGRESS_INTERVAL_MS, with how long the wait has run: progress on long waits. */
  onProgress?: (seen: string, elapsedMs: number) => void;
  /** Ends the wait quietly, resolving with what it saw: for a watch that only guards another wait. */
  signal?: AbortSignal;
}

const RELIST_BACKOFF_MS = [200, 500, 1000, 2000, 5000];
const PROGRESS_INTERVAL_MS = 30_000;

/**
 * Waits for a condition over the objects of one kind by list-then-watch, the way an
 * informer does: a watch that drops resumes from the last resourceVersion it saw, one
 * whose version the server no longer keeps (410 Gone) lists again, and only
 * transient errors are retried.
 * It ends at once when the condition says it can never be met.
 */
export function waitFor<T extends KubernetesObject>(clients: Clients, spec: WaitSpec<T>): Promise<T[]> {
  const objects = new Map<string, T>();
  let lastSeen = 'nothing yet: the first list has not answered';
  let abort: AbortController | undefined;
  let settled = false;
  let failures = 0;
  const fieldSelector = spec.name ? `metadata.name=${spec.name}` : spec.fieldSelector;
  const started = Date.now();

  return new Promise<T[]>((resolve, reject) => {
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      interruption.signal.removeEventListener('abort', interrupted);
      spec.signal?.removeEventListener('abort', stopped);
      abort?.abort();
      if (error) reject(error);
      else resolve([...objects.values()]);
    };

    const judge = () => {
      const current = [...objects.values()];
      const verdict = spec.evaluate(current);
      if (verdict.kind === 'met') return finish();
      if (verdict.kind === 'impossible') {
        lastSeen = verdict.reason;
        return finish(new WaitError(`Stopped waiting for ${spec.what}: ${verdict.reason}`, verdict.reason, false));
      }
      if (verdict.seen !== lastSeen) spec.onProgress?.(verdict.seen, Date.now() - started);
      lastSeen = verdict.seen;
    };

    const timer = setTimeout(() => {
      const hint = spec.diagnose?.([...objects.values()]);
      const message =
        `Timed out after ${formatDuration(spec.timeoutMs)} waiting for ${spec.what}.\n` +
        `Last seen: ${lastSeen}` +
        (hint ? `\nMost likely: ${hint}` : '');
      finish(new WaitError(message, lastSeen, true));
    }, spec.timeoutMs);
    const heartbeat = setInterval(() => spec.onProgress?.(lastSeen, Date.now() - started), PROGRESS_INTERVAL_MS);
    // Both handlers exist before either can run: finish() removes them both.
    const interrupted = () => finish(interruption.signal.reason as Error);
    const stopped = () => finish();
    if (spec.interruptible !== false) {
      if (interruption.signal.aborted) return interrupted();
      interruption.signal.addEventListener('abort', interrupted);
    }
    if (spec.signal?.aborted) return stopped();
    spec.signal?.addEventListener('abort', stopped);

    // The version of what was last seen, list or event: a watch that drops resumes
    // there, as an informer does, and sees every change it missed. A version the
    // server no longer keeps (410 Gone) means listing again; transient errors back off;
    // anything else (403, 404) ends the wait with its cause.
    let resourceVersion: string | undefined;
    const resume = () => (resourceVersion ? startWatch() : listThenWatch());
    const restart = (error: unknown) => {
      if (settled) return;
      if (httpStatus(error) === 410) {
        resourceVersion = undefined;
        failures = 0;
        setImmediate(() => void listThenWatch());
        return;
      }
      if (error === undefined || error === null) {
        failures = 0;
        setImmediate(() => void resume());
        return;
      }
      if (!isTransient(error)) return finish(explain(error, `Watching ${spec.what}`));
      setTimeout(() => void resume(), RELIST_BACKOFF_MS[Math.min(failures++, RELIST_BACKOFF_MS.length - 1)]);
    };

    const listThenWatch = async (): Promise<void> => {
      if (settled) return;
      try {
        const list = await clients.objects.list<T>(
          spec.kind.apiVersion,
          spec.kind.kind,
          spec.namespace,
          undefined,
          undefined,
          undefined,
          fieldSelector,
          spec.labelSelector,
        );
        objects.clear();
        for (const item of list.items) objects.set(item.metadata?.name ?? '', item);
        resourceVersion = list.metadata?.resourceVersion;
        failures = 0;
        judge();
      } catch (error) {
        return restart(error);
      }
      if (settled) return;
      await startWatch();
    };

    const startWatch = async (): Promise<void> => {
      let watchError: unknown;
      try {
        abort = await clients.watch.watch(
          collectionPath(spec.kind, spec.namespace),
          { resourceVersion, fieldSelector, labelSelector: spec.labelSelector, allowWatchBookmarks: true },
          (phase, object: T) => {
            if (phase === 'ERROR') {
              watchError = object;
              return;
            }
            resourceVersion = object.metadata?.resourceVersion ?? resourceVersion;
            if (phase === 'BOOKMARK') return;
            const name = object.metadata?.name ?? '';
            if (phase === 'DELETED') objects.delete(name);
            else objects.set(name, object);
            judge();
          },
          (error) => restart(error ?? watchError),
        );
        // The wait may have ended while the watch was connecting (a guard that lost the
        // race): a watch left open would keep the process alive.
        if (settled) abort.abort();
      } catch (error) {
        restart(error);
      }
    };

    void listThenWatch();
  });
}
