import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clients } from '../support/cluster/client';
import { KINDS } from '../support/cluster/kinds';
import { hasSucceeded, type TrainingJob } from '../support/kubeflow/training-job';
import { WaitError } from '../support/wait/verdict';
import { waitFor } from '../support/wait/watch';
import { createUnmanagedJobs, writeFinalCondition } from './bench-jobs';
import { kubectlWait, sdkWaits, type PeerVerdict } from './peers';
import { percentile, type Figure } from './results';

export interface WaitBenchOptions {
  /** Jobs that end Succeeded, and jobs that end Failed. */
  succeeded: number;
  failed: number;
  /** The SDK's polling intervals to compare, in seconds; the first is its default. */
  sdkIntervalsS: number[];
}

/** Every waiter is started before the first write; this long gives the slowest (a Python start) time to make its first request. */
const ARMING_MS = 5000;

interface Event {
  job: string;
  condition: 'Succeeded' | 'Failed';
  /** When the write was sent: the condition holds from some moment before its answer, so latencies include the write's own round trip. */
  writtenAt?: number;
}

/**
 * Wait resolution and Failed noticed (issue 9, items 1 and 2): every tool waits for
 * the same jobs at once; the bench writes each job's final condition at a random
 * moment, spread over the longest polling interval, and each tool's latency is the
 * time from sending that write until the tool's verdict.
 */
export async function measureWaits(clients: Clients, namespace: string, runId: string, options: WaitBenchOptions): Promise<Figure[]> {
  const events: Event[] = [
    ...Array.from({ length: options.succeeded }, (_, i) => ({ job: `bench-succeeds-${i}`, condition: 'Succeeded' as const })),
    ...Array.from({ length: options.failed }, (_, i) => ({ job: `bench-fails-${i}`, condition: 'Failed' as const })),
  ].sort(() => Math.random() - 0.5);
  await createUnmanagedJobs(clients, namespace, runId, events.map((e) => e.job));

  const longestIntervalMs = Math.max(...options.sdkIntervalsS) * 1000;
  const timeoutS = Math.ceil((ARMING_MS + 2 * longestIntervalMs) / 1000) + 30;
  const verdicts = new Map<string, Map<string, PeerVerdict>>();
  const record = (tool: string) => (verdict: PeerVerdict) => {
    if (!verdicts.has(tool)) verdicts.set(tool, new Map());
    verdicts.get(tool)?.set(verdict.job, verdict);
  };

  const harness = events.map(({ job }) =>
    waitFor<TrainingJob>(clients, { what: `PyTorchJob ${job} to reach Succeeded`, kind: KINDS.PyTorchJob, namespace, name: job, timeoutMs: timeoutS * 1000, evaluate: hasSucceeded })
      .then(() => record('kubeflow-bdd waitFor')({ job, at: Date.now(), outcome: 'met' }))
      .catch((error: unknown) => record('kubeflow-bdd waitFor')({ job, at: Date.now(), outcome: error instanceof WaitError && !error.timedOut ? 'failed' : 'error', detail: String(error) })),
  );
  const children: ChildProcess[] = [];
  // kubectl wait has one condition and no notion of a final one: it is measured on the jobs that succeed.
  for (const { job } of events.filter((e) => e.condition === 'Succeeded')) children.push(kubectlWait(namespace, job, 'Succeeded', timeoutS, record('kubectl wait')));
  options.sdkIntervalsS.forEach((interval, index) => {
    const tool = `kubeflow-training SDK, ${interval} s poll${index === 0 ? ' (its default)' : ''}`;
    children.push(sdkWaits(namespace, events.map((e) => e.job), interval, timeoutS, record(tool)));
  });
  const exited = children.map((child) => new Promise<void>((resolve) => child.on('exit', () => resolve())));

  await delay(ARMING_MS);
  // Writes at random moments over the longest interval, so pollers are met at every phase of their cycle.
  const spacingMs = longestIntervalMs / events.length;
  for (const event of events) {
    await delay(Math.random() * 2 * spacingMs);
    event.writtenAt = Date.now();
    await writeFinalCondition(clients, namespace, event.job, event.condition);
  }
  await Promise.all([...harness, ...exited]);

  const figures: Figure[] = [];
  for (const [tool, byJob] of verdicts) {
    for (const condition of ['Succeeded', 'Failed'] as const) {
      const mine = events.filter((e) => e.condition === condition && byJob.has(e.job));
      if (mine.length === 0) continue;
      const expected = condition === 'Succeeded' ? 'met' : 'failed';
      const latencies = mine.filter((e) => byJob.get(e.job)?.outcome === expected).map((e) => (byJob.get(e.job)?.at as number) - (e.writtenAt as number));
      const wrong = mine.length - latencies.length;
      figures.push({
        measure: condition === 'Succeeded' ? 'wait resolution' : 'Failed noticed',
        tool,
        samples: latencies.length,
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        unit: 'ms',
        note: wrong > 0 ? `${wrong} of ${mine.length} waits ended otherwise: ${[...byJob.values()].find((v) => v.outcome !== expected && mine.some((e) => e.job === v.job))?.detail}` : undefined,
      });
    }
  }
  return figures;
}
