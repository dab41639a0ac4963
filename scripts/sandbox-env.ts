import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** The environment `.sandbox/env` sets up (KUBECONFIG, the sandbox's kubectl and helm on PATH), starting the sandbox if it is down. */
export function sandboxEnvironment(): Record<string, string> {
  const status = spawnSync('bash', [join(ROOT, 'sandbox/status.sh')], { stdio: 'ignore' });
  if (status.status !== 0) {
    const up = spawnSync('bash', [join(ROOT, 'sandbox/up.sh')], { stdio: 'inherit' });
    if (up.status !== 0) throw new Error('The sandbox did not start (see above). Fix what it names, then run the command again.');
  }
  const printed = spawnSync('bash', ['-c', `source "${join(ROOT, '.sandbox/env')}" && env -0`], { encoding: 'utf8' });
  return Object.fromEntries(printed.stdout.split('\0').filter(Boolean).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}
