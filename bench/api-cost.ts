import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { makeClients, type Clients } from '../support/cluster/client';
import { KINDS } from '../support/cluster/kinds';
import { hasSucceeded, type TrainingJob } from '../support/kubeflow/training-job';
import { waitFor } from '../support/wait/watch';
import { createUnmanagedJobs, writeFinalCondition } from './bench-jobs';
import { CountingProxy } from './counting-proxy';
import { kubectlWait, sdkWaits } from './peers';
import type { Figure } from './results';

interface Waiter {
  tool: string;
  /** Starts the tool's wait for one job through the given kubeconfig; resolves when it ends. */
  wait: (namespace: string, job: string, kubeconfig: string, timeoutS: number) => Promise<unknown>;
}

const exited = (start: () => import('node:child_process').ChildProcess) =>
  new Promise<void>((resolve) => start().on('exit', () => resolve()));

function waiters(sdkIntervalsS: number[]): Waiter[] {
  return [
    {
      tool: 'kubeflow-bdd waitFor',
      wait: (namespace, job, kubeconfig, timeoutS) => {
        const config = new KubeConfig();
        config.loadFromFile(kubeconfig);
        return waitFor<TrainingJob>(makeClients(config), { what: `PyTorchJob ${job}`, kind: KINDS.PyTorchJob, namespace, name: job, timeoutMs: timeoutS * 1000, evaluate: hasSucceeded });
      },
    },
    {
      tool: 'kubectl wait',
      wait: (namespace, job, kubeconfig, timeoutS) => exited(() => kubectlWait(namespace, job, 'Succeeded', timeoutS, () => undefined, { ...process.env, KUBECONFIG: kubeconfig })),
    },
    ...sdkIntervalsS.map((interval) => ({
      tool: `kubeflow-training SDK, ${interval} s poll`,
      wait: (namespace: string, job: string, kubeconfig: string, timeoutS: number) =>
        exited(() => sdkWaits(namespace, [job], interval, timeoutS, () => undefined, { ...process.env, KUBECONFIG: kubeconfig })),
    })),
  ];
}

/**
 * API cost (issue 9, item 3): the requests each tool sends for one wait that lasts
 * 10, 60 or 300 s, counted exactly by a proxy of its own. Every tool and every length
 * runs at once, each on a job of its own, so the longest length sets the time.
 */
export async function measureApiCost(clients: Clients, namespace: string, runId: string, lengthsS: number[], sdkIntervalsS: number[]): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-bench-cost-'));
  const runs = lengthsS.flatMap((lengthS) => waiters(sdkIntervalsS).map((waiter, index) => ({ waiter, lengthS, job: `bench-cost-${lengthS}s-${index}`, proxy: new CountingProxy(clients.kubeConfig) })));
  try {
    await createUnmanagedJobs(clients, namespace, runId, runs.map((r) => r.job));
    const timeoutS = Math.max(...lengthsS) + 60;
    const ended = await Promise.all(
      runs.map(async (run) => {
        await run.proxy.start();
        // Held as a value, so a wait that fails early is reported after the delay, not lost.
        const waiting = run.waiter.wait(namespace, run.job, run.proxy.writeKubeconfig(dir, run.job), timeoutS).then(() => undefined, (error: unknown) => error);
        await delay(run.lengthS * 1000);
        await writeFinalCondition(clients, namespace, run.job, 'Succeeded');
        const failure = await waiting;
        if (failure) throw failure;
        return run;
      }),
    );
    return ended.map(({ waiter, lengthS, proxy }) => ({
      measure: `API requests, a wait of ${lengthS} s`,
      tool: waiter.tool,
      samples: 1,
      p50: proxy.total,
      unit: 'requests',
      note: Object.entries(proxy.counts).map(([verb, n]) => `${n} ${verb}`).join(', '),
    }));
  } finally {
    for (const run of runs) run.proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
