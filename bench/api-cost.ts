import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { makeClients, type Clients } from '../support/cluster/client';
import { waitFor } from '../support/wait/watch';
import { createUnmanagedJobs, writeFinalCondition, type BenchKind } from './bench-jobs';
import { CountingProxy } from './counting-proxy';
import { chainsawAssert, kubectlWait, sdkWaits, type PeerVerdict } from './peers';
import type { Figure } from './results';
import { toolFor, type WaitSubject } from './wait-resolution';

interface Waiter {
  tool: string;
  bench: BenchKind;
  /** Starts the tool's wait for one job through the given kubeconfig; resolves when it ends. */
  wait: (namespace: string, job: string, kubeconfig: string, timeoutS: number) => Promise<unknown>;
}

/** Settles with a peer's verdict on its job: right only when it saw the goal met; a process that ends without one is wrong too. */
const verdictOf = (start: (onVerdict: (verdict: PeerVerdict) => void) => ChildProcess) =>
  new Promise<void>((resolve, reject) => {
    start((verdict) => (verdict.outcome === 'met' ? resolve() : reject(new Error(`${verdict.outcome}${verdict.detail ? `: ${verdict.detail}` : ''}`)))).on('exit', (code) =>
      reject(new Error(`it exited with ${code} without a verdict`)),
    );
  });

function waiters({ bench, sdk, sdkIntervalsS }: WaitSubject, chainsaw?: string): Waiter[] {
  return [
    {
      tool: toolFor('kubeflow-bdd waitFor', bench),
      bench,
      wait: (namespace, job, kubeconfig, timeoutS) => {
        const config = new KubeConfig();
        config.loadFromFile(kubeconfig);
        return waitFor(makeClients(config), { what: `${bench.kind.kind} ${job}`, kind: bench.kind, namespace, name: job, timeoutMs: timeoutS * 1000, evaluate: bench.evaluate });
      },
    },
    {
      tool: toolFor('kubectl wait', bench),
      bench,
      wait: (namespace, job, kubeconfig, timeoutS) => verdictOf((onVerdict) => kubectlWait(namespace, bench.kind.plural, job, bench.goal, timeoutS, onVerdict, { ...process.env, KUBECONFIG: kubeconfig })),
    },
    ...(chainsaw
      ? [
          {
            tool: toolFor('chainsaw assert', bench),
            bench,
            wait: (namespace: string, job: string, kubeconfig: string, timeoutS: number) =>
              verdictOf((onVerdict) => chainsawAssert(chainsaw, bench, namespace, job, timeoutS, onVerdict, { ...process.env, KUBECONFIG: kubeconfig })),
          },
        ]
      : []),
    ...sdkIntervalsS.map((interval) => ({
      tool: `${sdk.name}, ${interval} s poll`,
      bench,
      wait: (namespace: string, job: string, kubeconfig: string, timeoutS: number) =>
        verdictOf((onVerdict) => sdkWaits(sdk, namespace, [job], interval, timeoutS, onVerdict, { ...process.env, KUBECONFIG: kubeconfig })),
    })),
  ];
}

/**
 * API cost (issue 9, item 3): the requests each tool sends for one wait that lasts
 * 10, 60 or 300 s, counted exactly by a proxy of its own. Every tool and every length
 * runs at once, each on a job of its own, so the longest length sets the time.
 */
export async function measureApiCost(clients: Clients, namespace: string, runId: string, lengthsS: number[], subjects: WaitSubject[], chainsaw?: string): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-bench-cost-'));
  const all = subjects.flatMap((subject) => waiters(subject, chainsaw));
  const runs = lengthsS.flatMap((lengthS) => all.map((waiter, index) => ({ waiter, lengthS, job: `bench-cost-${lengthS}s-${index}`, proxy: new CountingProxy(clients.kubeConfig) })));
  try {
    for (const bench of new Set(runs.map((r) => r.waiter.bench))) await createUnmanagedJobs(clients, bench, namespace, runId, runs.filter((r) => r.waiter.bench === bench).map((r) => r.job));
    const timeoutS = Math.max(...lengthsS) + 60;
    const ended = await Promise.all(
      runs.map(async (run) => {
        await run.proxy.start();
        // Held as a value, so a wait that fails early is reported after the delay, not lost.
        const waiting = run.waiter.wait(namespace, run.job, run.proxy.writeKubeconfig(dir, run.job), timeoutS).then(() => undefined, (error: unknown) => error);
        await delay(run.lengthS * 1000);
        await writeFinalCondition(clients, run.waiter.bench, namespace, run.job, 'goal');
        return { ...run, failure: await waiting };
      }),
    );
    return ended.map(({ waiter, lengthS, proxy, failure }) => ({
      measure: `API requests, a wait of ${lengthS} s`,
      tool: waiter.tool,
      samples: 1,
      p50: proxy.total,
      unit: 'requests',
      wrong: failure ? 1 : 0,
      note: `${Object.entries(proxy.counts).map(([verb, n]) => `${n} ${verb}`).join(', ')}${failure ? `; the wait did not end at its goal: ${failure instanceof Error ? failure.message : String(failure)}` : ''}`,
    }));
  } finally {
    for (const run of runs) run.proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
