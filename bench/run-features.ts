import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

export interface FeaturesRun {
  code: number;
  startedAt: number;
  endedAt: number;
  /** The run's cucumber messages; empty when it wrote none. */
  ndjson: string;
}

/**
 * Runs `npm run features` (its script, without npm) with the given cucumber arguments,
 * its reports and history in a folder of its own that is removed after; resolves with
 * its exit code, its wall time and its NDJSON. `onStart` gets the process's id.
 */
export function runFeatures(args: string[], env: NodeJS.ProcessEnv, onStart?: (pid: number) => void): Promise<FeaturesRun> {
  const reports = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-bench-'));
  const startedAt = Date.now();
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', join(ROOT, 'scripts', 'features.ts'), ...args], {
    cwd: ROOT,
    env: { ...env, KUBEFLOW_BDD_REPORTS: reports },
    stdio: 'ignore',
  });
  if (child.pid) onStart?.(child.pid);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      const endedAt = Date.now();
      let ndjson = '';
      try {
        ndjson = readFileSync(join(reports, 'cucumber.ndjson'), 'utf8');
      } catch {
        // no run, no messages
      }
      rmSync(reports, { recursive: true, force: true });
      resolve({ code: code ?? 1, startedAt, endedAt, ndjson });
    });
  });
}

/** A run the bench measures must pass: a failing one measures nothing. */
export async function runPassingFeatures(args: string[], env: NodeJS.ProcessEnv): Promise<FeaturesRun> {
  const run = await runFeatures(args, env);
  if (run.code !== 0) throw new Error(`npm run features -- ${args.join(' ')} exited ${run.code}; run it by hand to see why.`);
  return run;
}
