import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clients } from '../support/cluster/client';
import { WaitError } from '../support/wait/verdict';
import { waitFor } from '../support/wait/watch';
import { createUnmanagedJobs, writeFinalCondition, type BenchKind, type Outcome } from './bench-jobs';
import { chainsawAssert, kubectlWait, sdkWaits, type PeerVerdict, type Sdk } from './peers';
import { percentile, type Figure } from './results';

/** A kind of job, with the SDK that waits for it and the polling intervals it is measured at (its default first). */
export interface WaitSubject {
  bench: BenchKind;
  sdk: Sdk;
  sdkIntervalsS: number[];
}

export interface WaitBenchOptions {
  /** Jobs of each kind that end at their goal, and jobs that end Failed. */
  succeeded: number;
  failed: number;
  subjects: WaitSubject[];
  /** chainsaw's binary, where the bench measures it (not in the short mode, which builds nothing). */
  chainsaw?: string;
}

/** A tool's name with the kind it waited for, e.g. "kubectl wait, TrainJob". */
export const toolFor = (tool: string, bench: BenchKind): string => `${tool}, ${bench.kind.kind}`;

/** How many jobs of each kind chainsaw asserts. */
const CHAINSAW_JOBS = 10;

/** Every waiter is started before the first write; this long gives the slowest (a Python start) time to make its first request. */
const ARMING_MS = 5000;

interface Event {
  job: string;
  subject: WaitSubject;
  outcome: Outcome;
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
  const events: Event[] = options.subjects
    .flatMap((subject) => {
      const name = (end: string, i: number) => `bench-${subject.bench.kind.plural}-${end}-${i}`;
      return [
        ...Array.from({ length: options.succeeded }, (_, i) => ({ job: name('ends-well', i), subject, outcome: 'goal' as const })),
        ...Array.from({ length: options.failed }, (_, i) => ({ job: name('fails', i), subject, outcome: 'Failed' as const })),
      ];
    })
    .sort(() => Math.random() - 0.5);
  for (const subject of options.subjects) await createUnmanagedJobs(clients, subject.bench, namespace, runId, events.filter((e) => e.subject === subject).map((e) => e.job));

  const longestIntervalMs = Math.max(...options.subjects.flatMap((s) => s.sdkIntervalsS)) * 1000;
  const timeoutS = Math.ceil((ARMING_MS + 2 * longestIntervalMs) / 1000) + 30;
  const verdicts = new Map<string, Map<string, PeerVerdict>>();
  const record = (tool: string) => (verdict: PeerVerdict) => {
    if (!verdicts.has(tool)) verdicts.set(tool, new Map());
    verdicts.get(tool)?.set(verdict.job, verdict);
  };

  const harness = events.map(({ job, subject: { bench } }) => {
    const done = record(toolFor('kubeflow-bdd waitFor', bench));
    return waitFor(clients, { what: `${bench.kind.kind} ${job} to reach ${bench.goal}`, kind: bench.kind, namespace, name: job, timeoutMs: timeoutS * 1000, evaluate: bench.evaluate })
      .then(() => done({ job, at: Date.now(), outcome: 'met' }))
      .catch((error: unknown) => done({ job, at: Date.now(), outcome: error instanceof WaitError && !error.timedOut ? 'failed' : 'error', detail: String(error) }));
  });
  const children: ChildProcess[] = [];
  for (const subject of options.subjects) {
    const { bench, sdk } = subject;
    const mine = events.filter((e) => e.subject === subject);
    // kubectl wait has one condition and no notion of a final one: it is measured on the jobs that reach the goal.
    mine.filter((e) => e.outcome === 'goal').forEach(({ job }, index) => {
      children.push(kubectlWait(namespace, bench.kind.plural, job, bench.goal, timeoutS, record(toolFor('kubectl wait', bench))));
      // chainsaw's assert, like kubectl wait, knows no final state: measured on the same jobs, but
      // on a few of them, as each one polls about 20 times a second and many would load the server for every tool.
      if (options.chainsaw && index < CHAINSAW_JOBS) children.push(chainsawAssert(options.chainsaw, bench, namespace, job, timeoutS, record(toolFor('chainsaw assert', bench))));
    });
    subject.sdkIntervalsS.forEach((interval, index) => {
      const tool = `${sdk.name}, ${interval} s poll${index === 0 ? ' (its default)' : ''}`;
      children.push(sdkWaits(sdk, namespace, mine.map((e) => e.job), interval, timeoutS, record(tool)));
    });
  }
  const exited = children.map((child) => new Promise<void>((resolve) => child.on('exit', () => resolve())));

  await delay(ARMING_MS);
  // Writes at random moments over the longest interval, so pollers are met at every phase of their cycle.
  const spacingMs = longestIntervalMs / events.length;
  for (const event of events) {
    await delay(Math.random() * 2 * spacingMs);
    event.writtenAt = Date.now();
    await writeFinalCondition(clients, event.subject.bench, namespace, event.job, event.outcome);
  }
  await Promise.all([...harness, ...exited]);

  const figures: Figure[] = [];
  for (const [tool, byJob] of verdicts) {
    for (const outcome of ['goal', 'Failed'] as const) {
      const mine = events.filter((e) => e.outcome === outcome && byJob.has(e.job));
      if (mine.length === 0) continue;
      const expected = outcome === 'goal' ? 'met' : 'failed';
      const right = (e: Event) => byJob.get(e.job)?.outcome === expected;
      // A wrong answer or a timeout is a wait that never gave the right answer.
      const latencies = mine.map((e) => (right(e) ? (byJob.get(e.job)?.at as number) - (e.writtenAt as number) : Number.POSITIVE_INFINITY));
      const wrong = mine.filter((e) => !right(e));
      figures.push({
        measure: outcome === 'goal' ? 'wait resolution' : 'Failed noticed',
        tool,
        samples: mine.length,
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        unit: 'ms',
        wrong: wrong.length,
        note: wrong.length > 0 ? `${wrong.length} of ${mine.length} waits ended otherwise, e.g. ${wrong[0].job}: ${byJob.get(wrong[0].job)?.detail ?? byJob.get(wrong[0].job)?.outcome}` : undefined,
      });
    }
  }
  return figures;
}
