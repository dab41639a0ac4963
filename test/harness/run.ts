// Runs the harness the way a user does (npm run features:sandbox) and inspects what it left.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig, type Cluster } from '@kubernetes/client-node';
import { makeClients, type Clients } from '../../support/cluster/client';
import { servesKind } from '../../support/cluster/capabilities';
import { KINDS } from '../../support/cluster/kinds';
import { RUN_ID_LABEL } from '../../support/cluster/labels';
import { waitFor } from '../../support/wait/watch';
import { met, waiting } from '../../support/wait/verdict';

export const ROOT = join(__dirname, '..', '..');
export const SANDBOX_KUBECONFIG = join(ROOT, '.sandbox', 'kubeconfig');
/** The harness's own features and steps, which fail on purpose (tagged per negative test). */
export const HARNESS_FEATURES = 'test/features/harness.feature';
export const HARNESS_STEPS = 'test/features/harness.steps.ts';

let clients: Clients | undefined;

/** Clients of the sandbox's API server, made on first use, for what a test reads or waits for itself. */
export function sandboxClients(): Clients {
  if (!clients) {
    const config = new KubeConfig();
    config.loadFromFile(SANDBOX_KUBECONFIG);
    clients = makeClients(config);
  }
  return clients;
}

export interface Run {
  code: number | null;
  output: string;
  seconds: number;
  runId: string;
  reports: string;
}

let counter = 0;

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Called with the child once it runs, e.g. to interrupt it. */
  during?: (child: ReturnType<typeof spawn>, runId: string) => void;
  /** Run against the current KUBECONFIG instead of the sandbox. */
  ownCluster?: boolean;
}

export function runFeatures(args: string[], options: RunOptions = {}): Promise<Run> {
  const runId = `harness-test-${process.pid}-${++counter}`;
  const reports = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-harness-'));
  const scriptArgs = ['-r', './scripts/register-ts.js', 'scripts/features.ts', ...(options.ownCluster ? [] : ['--sandbox']), ...args];
  const env = { ...process.env, KUBEFLOW_BDD_RUN_ID: runId, KUBEFLOW_BDD_REPORTS: reports, ...options.env };
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, scriptArgs, { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    options.during?.(child, runId);
    child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000, runId, reports }));
  });
}

/** Everything in the cluster labelled with a run id: what a run must not leave behind. */
export async function leftovers(clients: Clients, runId: string): Promise<string[]> {
  const found: string[] = [];
  for (const kind of [KINDS.Namespace, KINDS.Pod, KINDS.PyTorchJob, KINDS.TFJob, KINDS.TrainJob, KINDS.Profile, KINDS.Secret, KINDS.PersistentVolumeClaim]) {
    // A platform of one training generation has no objects of the other to leave.
    if (!(await servesKind(clients, kind))) continue;
    const list = await clients.objects.list(kind.apiVersion, kind.kind, undefined, undefined, undefined, undefined, undefined, `${RUN_ID_LABEL}=${runId}`);
    found.push(...list.items.map((item) => `${kind.kind} ${item.metadata?.namespace ?? ''}/${item.metadata?.name}`));
  }
  return found;
}

/** Resolves once a run has made its first scenario namespace, from a Profile on the sandbox: the run is then in the middle of a scenario. */
export function scenarioUnderWay(runId: string): Promise<unknown> {
  return waitFor(sandboxClients(), {
    what: `a Profile of run ${runId}`,
    kind: KINDS.Profile,
    labelSelector: `${RUN_ID_LABEL}=${runId}`,
    timeoutMs: 60_000,
    evaluate: (found) => (found.length > 0 ? met() : waiting('none yet')),
  });
}

interface ReportedScenario {
  name: string;
  /** Hooks are listed among the steps, marked hidden. */
  steps: { hidden?: boolean; result: { status: string; duration?: number } }[];
}

function reportedScenarios(reports: string): ReportedScenario[] {
  const features = JSON.parse(readFileSync(join(reports, 'cucumber.json'), 'utf8')) as { elements: ReportedScenario[] }[];
  return features.flatMap((feature) => feature.elements);
}

/** How long a scenario's steps took, without its hooks, from cucumber.json's durations (nanoseconds). */
export function scenarioSeconds(reports: string, name: string): number {
  const scenario = reportedScenarios(reports).find((element) => element.name === name);
  if (!scenario) throw new Error(`no scenario "${name}" in ${reports}/cucumber.json`);
  return scenario.steps.filter((step) => !step.hidden).reduce((sum, step) => sum + (step.result.duration ?? 0), 0) / 1e9;
}

/** Status of each scenario in a run's cucumber.json, by name. */
export function scenarioStatuses(reports: string): Record<string, string> {
  const statuses: Record<string, string> = {};
  for (const element of reportedScenarios(reports)) {
    const results = element.steps.map((step) => step.result.status);
    statuses[element.name] = results.includes('failed') ? 'failed' : results.every((s) => s === 'passed') ? 'passed' : results.find((s) => s !== 'passed') as string;
  }
  return statuses;
}

export function reportFiles(reports: string): string[] {
  return ['cucumber.json', 'cucumber.ndjson', 'junit.xml', join('html', 'index.html')].filter((file) => existsSync(join(reports, file)));
}

/** Every file a run wrote, for the search for secret values. */
export function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

export function sandbox(...args: string[]): void {
  const result = spawnSync('bash', [join(ROOT, 'sandbox', 'break.sh'), ...args], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`sandbox/break.sh ${args.join(' ')} failed`);
}

export function kubectl(...args: string[]): string {
  const result = spawnSync(join(ROOT, '.sandbox', 'bin', 'kubectl'), args, { encoding: 'utf8', env: { ...process.env, KUBECONFIG: SANDBOX_KUBECONFIG } });
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A kubeconfig for the sandbox's server that authenticates with a bearer token instead of the admin certificate. */
export function tokenKubeconfig(token: string): string {
  const admin = new KubeConfig();
  admin.loadFromFile(SANDBOX_KUBECONFIG);
  const cluster = admin.getCurrentCluster() as Cluster;
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'token', token }],
    contexts: [{ name: 'token', cluster: cluster.name, user: 'token' }],
    currentContext: 'token',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'kubeflow-bdd-token-')), 'kubeconfig');
  writeFileSync(file, config.exportConfig());
  return file;
}
