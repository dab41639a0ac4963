import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { BenchKind } from './bench-jobs';
import { createInterface } from 'node:readline';

const CACHE_DIR = process.env.KUBEFLOW_BDD_CACHE ?? join(homedir(), '.cache', 'kubeflow-bdd');

/**
 * The Kubeflow SDKs the bench compares against, pinned, each installed from PyPI once
 * into a virtual environment of its own: the Training Operator's for PyTorchJobs, and
 * the `kubeflow` SDK's TrainerClient for TrainJobs.
 */
export const SDKS = {
  training: { requirement: 'kubeflow-training==1.9.4', waiter: 'training', name: 'kubeflow-training SDK' },
  trainer: { requirement: 'kubeflow==0.5.0', waiter: 'trainer', name: 'kubeflow SDK' },
};
export type Sdk = (typeof SDKS)[keyof typeof SDKS];

/** The python of a virtual environment with the SDK, made on first use. */
export function sdkPython(sdk: Sdk): string {
  const venv = join(CACHE_DIR, 'bench', `venv-${sdk.requirement.replace('==', '-')}`);
  const python = join(venv, 'bin', 'python3');
  if (existsSync(python)) return python;
  console.log(`bench: installing ${sdk.requirement} from PyPI into ${venv} (once)`);
  mkdirSync(join(CACHE_DIR, 'bench'), { recursive: true });
  const steps: string[][] = [
    ['python3', '-m', 'venv', `${venv}.tmp`],
    [join(`${venv}.tmp`, 'bin', 'pip'), 'install', '--quiet', '--disable-pip-version-check', sdk.requirement],
    ['mv', `${venv}.tmp`, venv],
  ];
  for (const [command, ...args] of steps) {
    const done = spawnSync(command, args, { stdio: 'inherit' });
    if (done.status !== 0) {
      spawnSync('rm', ['-rf', `${venv}.tmp`]);
      throw new Error(`Could not install ${sdk.requirement} (${command} exited ${done.status}). Fix: check access to PyPI (pip config list) and that python3 has the venv module.`);
    }
  }
  return python;
}

/** When a peer's wait for one job ended, and how. */
export interface PeerVerdict {
  job: string;
  at: number;
  outcome: 'met' | 'failed' | 'error';
  detail?: string;
}

/** An SDK's waits for all jobs in one process, at the given polling interval. */
export function sdkWaits(sdk: Sdk, namespace: string, jobs: string[], intervalS: number, timeoutS: number, onVerdict: (v: PeerVerdict) => void, env = process.env): ChildProcess {
  const child = spawn(sdkPython(sdk), [join(__dirname, 'peers', 'sdk_wait.py'), sdk.waiter, namespace, String(intervalS), String(timeoutS), ...jobs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (line.startsWith('{')) onVerdict(JSON.parse(line) as PeerVerdict);
  });
  return child;
}

/** `kubectl wait` for one job's condition; its verdict is the moment it exits. */
export function kubectlWait(namespace: string, resource: string, job: string, condition: string, timeoutS: number, onVerdict: (v: PeerVerdict) => void, env = process.env): ChildProcess {
  const child = spawn('kubectl', ['wait', '-n', namespace, `${resource}/${job}`, `--for=condition=${condition}`, `--timeout=${timeoutS}s`], { stdio: 'ignore', env });
  child.on('exit', (code) => onVerdict({ job, at: Date.now(), outcome: code === 0 ? 'met' : 'error', detail: `exit ${code}` }));
  return child;
}

/** chainsaw's assert command (kyverno/chainsaw), built from the Go module proxy with the sandbox's Go build on first use. */
export function chainsawBinary(): string {
  const built = spawnSync('bash', [join(__dirname, 'build-peer.sh'), 'chainsaw'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (built.status !== 0) throw new Error('chainsaw could not be built (see above). Fix: check access to the Go module proxy, or run the bench with --short, which leaves chainsaw out.');
  return built.stdout.trim();
}

let assertions: string | undefined;

/** `chainsaw assert` of one job's goal condition, as a chainsaw test's assert step checks it; its verdict is the moment it exits. */
export function chainsawAssert(binary: string, bench: BenchKind, namespace: string, job: string, timeoutS: number, onVerdict: (v: PeerVerdict) => void, env = process.env): ChildProcess {
  assertions ??= mkdtempSync(join(tmpdir(), 'kubeflow-bdd-bench-chainsaw-'));
  const file = join(assertions, `${namespace}-${job}.yaml`);
  const assertion = { apiVersion: bench.kind.apiVersion, kind: bench.kind.kind, metadata: { name: job }, status: { [`(conditions[?type == '${bench.goal}'])`]: [{ status: 'True' }] } };
  writeFileSync(file, stringify(assertion));
  const child = spawn(binary, ['--file', file, '--namespace', namespace, '--timeout', `${timeoutS}s`, '--no-color'], { stdio: 'ignore', env });
  child.on('exit', (code) => onVerdict({ job, at: Date.now(), outcome: code === 0 ? 'met' : 'error', detail: `exit ${code}` }));
  return child;
}
