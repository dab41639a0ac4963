// The log of every pod of an in-cluster Job, on this console as the pods write it,
// each line marked with its shard where there are several.
import { Writable } from 'node:stream';
import { Log, type V1Pod } from '@kubernetes/client-node';
import type { Clients } from '../../support/cluster/client';
import { KINDS } from '../../support/cluster/kinds';
import { waiting } from '../../support/wait/verdict';
import { waitFor } from '../../support/wait/watch';

const INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';

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

/** Follows each pod's log once its container has started; stops with the signal. */
export function followJobLogs(clients: Clients, job: { namespace: string; name: string; shards: number }, timeoutMs: number, signal: AbortSignal): Promise<unknown> {
  const { namespace, shards } = job;
  const followed = new Set<string>();
  const log = new Log(clients.kubeConfig);
  return waitFor<V1Pod>(clients, {
    what: `the pods of Job ${job.name}`,
    kind: KINDS.Pod,
    namespace,
    labelSelector: `batch.kubernetes.io/job-name=${job.name}`,
    timeoutMs,
    signal,
    evaluate: (pods) => {
      for (const pod of pods) {
        const name = pod.metadata?.name as string;
        const started = pod.status?.containerStatuses?.some((status) => status.state?.running || status.state?.terminated);
        if (!started || followed.has(name)) continue;
        followed.add(name);
        const index = pod.metadata?.labels?.[INDEX_LABEL];
        const prefix = shards > 1 && index !== undefined ? `[shard ${Number(index) + 1}] ` : '';
        void log.log(namespace, name, 'kubeflow-bdd', prefixed(prefix), { follow: true }).catch((error: Error) => process.stderr.write(`${prefix}(its log could not be read: ${error.message})\n`));
      }
      return waiting(`${followed.size} pod(s) followed`);
    },
  });
}
