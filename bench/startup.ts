import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile, type Figure } from './results';

const ROOT = join(__dirname, '..');

interface Timestamp {
  seconds: number;
  nanos: number;
}

/** Runs `npm run features` (its script, without npm) with the given cucumber arguments; resolves with its wall time and its NDJSON. */
function runFeatures(args: string[], env: NodeJS.ProcessEnv): Promise<{ startedAt: number; endedAt: number; ndjson: string }> {
  const reports = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-bench-'));
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', join(ROOT, 'scripts', 'features.ts'), ...args], {
    cwd: ROOT,
    env: { ...env, KUBEFLOW_BDD_REPORTS: reports },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const endedAt = Date.now();
      let ndjson = '';
      try {
        ndjson = readFileSync(join(reports, 'cucumber.ndjson'), 'utf8');
      } catch {
        // no run, no messages: said below
      }
      rmSync(reports, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`npm run features ${args.join(' ')} exited ${code}; run it by hand to see why.`));
      else resolve({ startedAt, endedAt, ndjson });
    });
  });
}

function firstStepAt(ndjson: string): number {
  const line = ndjson.split('\n').find((l) => l.startsWith('{"testStepStarted"'));
  if (!line) throw new Error('The run reported no step.');
  const { seconds, nanos } = (JSON.parse(line) as { testStepStarted: { timestamp: Timestamp } }).testStepStarted.timestamp;
  return seconds * 1000 + nanos / 1e6;
}

/**
 * Start-up (issue 9, item 5): from the process's start to its first step (a dry
 * run of one feature, so nothing waits on the cluster), and to the end of a run of
 * zero scenarios (start-up, the leftover sweep, reports and all).
 */
export async function measureStartup(env: NodeJS.ProcessEnv, runs: number): Promise<Figure[]> {
  const toFirstStep: number[] = [];
  const zeroRun: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dry = await runFeatures(['--dry-run', '--tags', '@pytorchjob'], env);
    toFirstStep.push(firstStepAt(dry.ndjson) - dry.startedAt);
    const zero = await runFeatures(['--tags', '@bench-selects-no-scenario'], env);
    zeroRun.push(zero.endedAt - zero.startedAt);
  }
  const figure = (measure: string, samples: number[]): Figure => ({
    measure,
    tool: 'kubeflow-bdd',
    samples: samples.length,
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    unit: 'ms',
  });
  return [figure('start-up to the first step', toFirstStep), figure('a run of zero scenarios', zeroRun)];
}
