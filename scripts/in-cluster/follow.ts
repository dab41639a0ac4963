// The log of every pod of an in-cluster Job, on this console as the pods write it,
// each line marked with its shard where there are several.
import { Writable } from 'node:stream';
import { Log, type V1Pod } from '@kubernetes/client-node';
import type { Clients } from '../../support/cluster/client';
import { KINDS } from '../../support/cluster/kinds';
import { JOB_INDEX_LABEL, JOB_NAME_LABEL } from '../../support/cluster/labels';
import { InterruptedError } from '../../support/interrupt';
import { waiting } from '../../support/wait/verdict';
import { waitFor } from '../../support/wait/watch';

function prefixed(prefix: string): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
      done();
    },
    final(done) {
      if (partial) process.stdout.write(`${prefix}${partial}\n`);
      done();
    },
  });
}

/** A log stream ends when its container has exited; this long after the Job ends, what has not arrived is given up. */
const LAST_LINES_MS = 15_000;

export interface Following {
  /** Resolves once every followed log has ended (its pod's container exited), or after LAST_LINES_MS. */
  drained: () => Promise<void>;
}

/** Follows each pod's log once its container has started; stops looking for new pods with the signal. */
export function followJobLogs(clients: Clients, job: { namespace: string; name: string; shards: number }, timeoutMs: number, signal: AbortSignal): Following {
  const { namespace, shards } = job;
  const followed = new Set<string>();
  const ends: Promise<void>[] = [];
  const log = new Log(clients.kubeConfig);
  const watching = waitFor<V1Pod>(clients, {
    what: `the pods of Job ${job.name}`,
    kind: KINDS.Pod,
    namespace,
    labelSelector: `${JOB_NAME_LABEL}=${job.name}`,
    timeoutMs,
    signal,
    evaluate: (pods) => {
      for (const pod of pods) {
        const name = pod.metadata?.name as string;
        const started = pod.status?.containerStatuses?.some((status) => status.state?.running || status.state?.terminated);
        if (!started || followed.has(name)) continue;
        followed.add(name);
        const index = pod.metadata?.labels?.[JOB_INDEX_LABEL];
        const prefix = shards > 1 && index !== undefined ? `[shard ${Number(index) + 1}] ` : '';
        const stream = prefixed(prefix);
        ends.push(new Promise((resolve) => stream.on('finish', resolve).on('close', resolve)));
        void log.log(namespace, name, 'kubeflow-bdd', stream, { follow: true }).catch((error: Error) => {
          process.stderr.write(`${prefix}(its log could not be read: ${error.message})\n`);
          stream.end();
        });
      }
      return waiting(`${followed.size} pod(s) followed`);
    },
  }).catch((error: Error) => {
    // An interruption is the run's to report; anything else (a 403 on pods, a timeout) is named here.
    if (!(error instanceof InterruptedError)) process.stderr.write(`(the pods' logs could not be followed: ${error.message})\n`);
  });
  return {
    drained: async () => {
      await watching;
      let bound: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(ends), new Promise((resolve) => (bound = setTimeout(resolve, LAST_LINES_MS)))]);
      clearTimeout(bound);
    },
  };
}
