// npm run features:job [-- cucumber args]: the harness's image as Kubernetes runs it
// (manifests/in-cluster/): one run, or one shard of an Indexed Job, its reports on
// the volume at KUBEFLOW_BDD_REPORTS_ROOT:
//   <root>/<run id>/            the run's reports; for a sharded run, the merged ones
//   <root>/<run id>/shard-<i>/  each shard's own
//   <root>/history/             every run's results, for the Trend page
// and only the newest KUBEFLOW_BDD_REPORTS_KEEP runs kept. In an Indexed Job of
// KUBEFLOW_BDD_SHARDS pods, the last index waits for the others to end, runs the
// upgrade scenarios, then merges every shard's reports.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { newRunId, readTimeouts } from '../support/config';
import { isShardFolder } from '../support/report/merge';
import { makeClients } from '../support/cluster/client';
import { KINDS } from '../support/cluster/kinds';
import { JOB_INDEX_LABEL, JOB_NAME_LABEL } from '../support/cluster/labels';
import { formatDuration } from '../support/wait/duration';
import { progressReporter } from '../support/wait/progress';
import { met, waiting } from '../support/wait/verdict';
import { waitFor } from '../support/wait/watch';

const ROOT = join(__dirname, '..');
const KEEP_DEFAULT = 14;

interface JobRun {
  root: string;
  runId: string;
  keep: number;
  /** 1-based, as --shard counts; undefined for a run of one pod. */
  shard?: { index: number; total: number; job: string; namespace: string };
}

function positive(name: string, text: string | undefined, fallback?: number): number {
  const value = Number(text ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}="${text}" is not a whole number of 1 or more. Fix: set it in the Job's env, as manifests/in-cluster/ does.`);
  return value;
}

function readJobRun(env: NodeJS.ProcessEnv): JobRun {
  const root = env.KUBEFLOW_BDD_REPORTS_ROOT;
  if (!root) throw new Error('KUBEFLOW_BDD_REPORTS_ROOT is not set: features:job writes its reports under it. Fix: mount a volume and name its path, as manifests/in-cluster/ does.');
  const run: JobRun = { root, runId: env.KUBEFLOW_BDD_RUN_ID || newRunId(), keep: positive('KUBEFLOW_BDD_REPORTS_KEEP', env.KUBEFLOW_BDD_REPORTS_KEEP, KEEP_DEFAULT) };
  if (!env.KUBEFLOW_BDD_SHARDS) return run;
  const total = positive('KUBEFLOW_BDD_SHARDS', env.KUBEFLOW_BDD_SHARDS);
  const index = Number(env.JOB_COMPLETION_INDEX) + 1;
  if (!(index >= 1 && index <= total) || !env.KUBEFLOW_BDD_JOB_NAME || !env.KUBEFLOW_BDD_POD_NAMESPACE) {
    throw new Error('KUBEFLOW_BDD_SHARDS is set, but this pod is not one of an Indexed Job of that many completions (JOB_COMPLETION_INDEX, KUBEFLOW_BDD_JOB_NAME, KUBEFLOW_BDD_POD_NAMESPACE). Fix: use manifests/in-cluster/sharded-job.yaml.');
  }
  return { ...run, shard: { index, total, job: env.KUBEFLOW_BDD_JOB_NAME, namespace: env.KUBEFLOW_BDD_POD_NAMESPACE } };
}

/** Runs one of the project's scripts in a process of its own, its output this pod's log. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', join('scripts', script), ...args], { cwd: ROOT, env, stdio: 'inherit' });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const indexOf = (pod: V1Pod): number => Number(pod.metadata?.labels?.[JOB_INDEX_LABEL] ?? pod.metadata?.annotations?.[JOB_INDEX_LABEL]);
const ended = (pod: V1Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** The last shard changes the platform: it starts once every other index has a pod that ended and none that runs. */
async function awaitOtherShards(shard: NonNullable<JobRun['shard']>): Promise<void> {
  const others = Array.from({ length: shard.total - 1 }, (_, i) => i);
  const what = `the other ${others.length} shard(s) of Job ${shard.job} to end`;
  console.log(`Waiting for ${what} before the upgrade scenarios.`);
  await waitFor<V1Pod>(makeClients(), {
    what,
    kind: KINDS.Pod,
    namespace: shard.namespace,
    labelSelector: `${JOB_NAME_LABEL}=${shard.job}`,
    timeoutMs: readTimeouts().inClusterRun,
    onProgress: progressReporter(what),
    evaluate: (pods) => {
      const running = others.filter((i) => pods.some((pod) => indexOf(pod) === i && !ended(pod)) || !pods.some((pod) => indexOf(pod) === i));
      return running.length === 0 ? met() : waiting(`shard(s) ${running.map((i) => i + 1).join(', ')} still running`);
    },
  });
}

/**
 * Keeps the newest runs' folders; the history keeps its own count (KUBEFLOW_BDD_HISTORY_KEEP).
 * Only folders a run wrote are counted and removed, and a removal that fails is a
 * warning: another run on the same volume may be removing it too.
 */
function applyRetention(root: string, keep: number): void {
  try {
    const runs = readdirSync(root)
      .map((name) => join(root, name))
      .filter((dir) => existsSync(join(dir, 'cucumber.ndjson')) || existsSync(join(dir, 'shard-1')))
      .map((dir) => ({ dir, modified: statSync(dir).mtimeMs }))
      .sort((a, b) => a.modified - b.modified);
    const old = runs.slice(0, Math.max(0, runs.length - keep));
    for (const { dir } of old) rmSync(dir, { recursive: true, force: true });
    if (old.length > 0) console.log(`Removed the reports of ${old.length} older run(s) from ${root}, keeping ${keep} (KUBEFLOW_BDD_REPORTS_KEEP).`);
  } catch (error) {
    console.error(`The reports of older runs in ${root} were not pruned: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  const run = readJobRun(process.env);
  const runDir = join(run.root, run.runId);
  const env = { ...process.env, KUBEFLOW_BDD_RUN_ID: run.runId, KUBEFLOW_BDD_HISTORY: process.env.KUBEFLOW_BDD_HISTORY || join(run.root, 'history') };
  const args = process.argv.slice(2);
  const started = Date.now();
  if (!run.shard) {
    const code = await runScript('features.ts', args, { ...env, KUBEFLOW_BDD_REPORTS: runDir });
    applyRetention(run.root, run.keep);
    return code;
  }
  const { index, total } = run.shard;
  const shardDir = (i: number) => join(runDir, `shard-${i}`);
  if (index === total) await awaitOtherShards(run.shard);
  const code = await runScript('features.ts', [...args, '--shard', `${index}/${total}`], { ...env, KUBEFLOW_BDD_REPORTS: shardDir(index) });
  if (index < total) return code;
  // A shard whose pod died (evicted, out of memory) left no reports: the others are merged, and the run fails.
  const shards = Array.from({ length: total }, (_, i) => shardDir(i + 1));
  const finished = shards.filter(isShardFolder);
  const missing = shards.filter((dir) => !finished.includes(dir));
  if (missing.length > 0) console.error(`No reports from ${missing.join(', ')}: that shard's pod did not finish the suite (kubectl logs -l ${JOB_NAME_LABEL}=${run.shard.job} says why). The run fails.`);
  const merged = finished.length > 0 ? await runScript('report-merge.ts', finished, { ...env, KUBEFLOW_BDD_REPORTS: runDir }) : 1;
  console.log(`The sharded run ${run.runId} took ${formatDuration(Date.now() - started)} in its last shard; its merged reports are in ${runDir}.`);
  applyRetention(run.root, run.keep);
  return code || merged || (missing.length > 0 ? 1 : 0);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(2);
  },
);
