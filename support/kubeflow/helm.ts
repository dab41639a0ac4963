import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatDuration } from '../wait/duration';

const ROOT = join(__dirname, '..', '..');
const OUTPUT_TAIL_LINES = 20;

/** A chart given as a path is taken relative to the project; repo/chart and oci:// references pass through. */
export function chartReference(chart: string): string {
  const local = resolve(ROOT, chart);
  return existsSync(local) ? local : chart;
}

/** Runs helm with the kubeconfig of the run; its output is kept for the error, never streamed into reports. */
export function runHelm(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('helm', args, { env: process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs + 30_000);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error('helm is not on PATH. Fix: install Helm 3, or use `npm run features:sandbox`, which puts the sandbox\'s helm first on PATH.')
          : error,
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolvePromise(output);
      const tail = output.trim().split('\n').slice(-OUTPUT_TAIL_LINES).join('\n');
      const why = signal ? `was stopped after ${formatDuration(timeoutMs)}` : `exited with ${code}`;
      reject(new Error(`helm ${args.slice(0, 2).join(' ')} ${why}:\n${tail}`));
    });
  });
}
