import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The Kubeflow Training SDK the bench compares against, pinned, installed from PyPI once. */
const SDK_REQUIREMENT = 'kubeflow-training==1.9.4';
const CACHE_DIR = process.env.KUBEFLOW_BDD_CACHE ?? join(homedir(), '.cache', 'kubeflow-bdd');
const VENV = join(CACHE_DIR, 'bench', `venv-${SDK_REQUIREMENT.replace('==', '-')}`);

/** The python of a virtual environment with the SDK, made on first use. */
export function sdkPython(): string {
  const python = join(VENV, 'bin', 'python3');
  if (existsSync(python)) return python;
  console.log(`bench: installing ${SDK_REQUIREMENT} from PyPI into ${VENV} (once)`);
  mkdirSync(join(CACHE_DIR, 'bench'), { recursive: true });
  const steps: string[][] = [
    ['python3', '-m', 'venv', `${VENV}.tmp`],
    [join(`${VENV}.tmp`, 'bin', 'pip'), 'install', '--quiet', '--disable-pip-version-check', SDK_REQUIREMENT],
    ['mv', `${VENV}.tmp`, VENV],
  ];
  for (const [command, ...args] of steps) {
    const done = spawnSync(command, args, { stdio: 'inherit' });
    if (done.status !== 0) {
      spawnSync('rm', ['-rf', `${VENV}.tmp`]);
      throw new Error(`Could not install ${SDK_REQUIREMENT} (${command} exited ${done.status}). Fix: check access to PyPI (pip config list) and that python3 has the venv module.`);
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

/** The SDK's waits for all jobs in one process, at the given polling interval. */
export function sdkWaits(namespace: string, jobs: string[], intervalS: number, timeoutS: number, onVerdict: (v: PeerVerdict) => void, env = process.env): ChildProcess {
  const child = spawn(sdkPython(), [join(__dirname, 'peers', 'sdk_wait.py'), namespace, String(intervalS), String(timeoutS), ...jobs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (line.startsWith('{')) onVerdict(JSON.parse(line) as PeerVerdict);
  });
  return child;
}

/** `kubectl wait` for one job's condition; its verdict is the moment it exits. */
export function kubectlWait(namespace: string, job: string, condition: string, timeoutS: number, onVerdict: (v: PeerVerdict) => void, env = process.env): ChildProcess {
  const child = spawn('kubectl', ['wait', '-n', namespace, `pytorchjob/${job}`, `--for=condition=${condition}`, `--timeout=${timeoutS}s`], { stdio: 'ignore', env });
  child.on('exit', (code) => onVerdict({ job, at: Date.now(), outcome: code === 0 ? 'met' : 'error', detail: `exit ${code}` }));
  return child;
}
