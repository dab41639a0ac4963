// npm run features [-- cucumber args]: runs the Gherkin features against the current
// kube context, then writes the HTML report and prints the counts.
// npm run features:sandbox: the same against the local sandbox, started if it is down.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newRunId, readConfig } from '../support/config';
import type { SweepScope } from '../support/cluster/sweep';
import { forgetCleanupProblems, readCleanupProblems } from '../support/report/cleanup-problems';
import { writeNotStartedReports } from '../support/report/not-started';
import { CUCUMBER_JSON, HTML_DIR, MESSAGES_NDJSON, METADATA_FILE, REPORTS_DIR } from '../support/report/paths';
import { readRunMetadata } from '../support/report/run-metadata';
import { formatSummary, summarise } from '../support/report/summary';
import { sandboxEnvironment } from './sandbox-env';
import { describeShard, shardArgs } from './shard';

const ROOT = join(__dirname, '..');
const CUCUMBER_BIN = join(dirname(require.resolve('@cucumber/cucumber/package.json')), 'bin', 'cucumber.js');

interface CucumberExit {
  code: number;
  signal?: NodeJS.Signals;
  /** The end of what cucumber wrote to stderr, for a run that stops before its reports. */
  stderrTail: string;
}

const STDERR_TAIL_CHARS = 4000;

function runCucumber(args: string[], env: NodeJS.ProcessEnv): Promise<CucumberExit> {
  return new Promise((resolve) => {
    // Its own process group, so one signal reaches cucumber and all its --parallel workers.
    const child = spawn(process.execPath, [CUCUMBER_BIN, ...args], { cwd: ROOT, env, stdio: ['inherit', 'inherit', 'pipe'], detached: true });
    let stderrTail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL_CHARS);
    });
    let received: NodeJS.Signals | undefined;
    const toGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        // already gone
      }
    };
    // The first signal lets cucumber stop in order (support/interrupt.ts); a second one stops it at once.
    const forward = (signal: NodeJS.Signals) => {
      if (received) return toGroup('SIGKILL');
      received = signal;
      console.error(`\n${signal}: stopping after the current step's cleanup; send it again to stop at once.`);
      toGroup(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('close', (code) => resolve({ code: code ?? 1, signal: received, stderrTail }));
  });
}

/**
 * Cucumber's processes, one per --parallel worker, each hold a Kubernetes client and
 * wait on the network: a young generation of 1 MB rather than V8's 16 trades a few
 * more quick collections for about a quarter of each process's memory.
 */
function cucumberEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, '--max-semi-space-size=1'].filter(Boolean).join(' ') };
}

/** A run killed outright (kill -9, a lost CI runner) cannot clean up; the next one does. */
const ABANDONED_AFTER_MS = 2 * 60 * 60 * 1000;

async function sweepLeftovers(scope: SweepScope, what: string): Promise<void> {
  // Loaded here, once cucumber has started: the client library takes most of a second to load.
  const [{ makeClients }, { sweep }] = await Promise.all([import('../support/cluster/client'), import('../support/cluster/sweep')]);
  let clients;
  try {
    clients = makeClients();
  } catch {
    return; // no cluster: the run itself says so, with the fix
  }
  const result = await sweep(clients, scope).catch(() => undefined);
  if (result?.removed.length) console.error(`Removed ${result.removed.length} leftover(s) ${what}: ${result.removed.join(', ')}`);
  // Before the run, trouble reaching the cluster is the run's to explain, with its fix.
  if (scope.runId) for (const problem of result?.problems ?? []) console.error(problem);
}

/** What the run found the platform to be, as the HTML report's Run box shows it too. */
const PLATFORM_ROWS = ['Kubernetes server', 'Kubeflow training', 'Kubeflow components'];
function printPlatform(metadata: Record<string, string>): void {
  const rows = PLATFORM_ROWS.filter((label) => metadata[label]).map((label) => `  ${`${label}:`.padEnd(21)} ${metadata[label]}`);
  if (rows.length > 0) console.log(`\nPlatform\n${rows.join('\n')}`);
}

function printReportPaths(html: string | undefined): void {
  console.log(`\nReports: ${REPORTS_DIR}/{cucumber.json,cucumber.ndjson,junit.xml}${html ? `\nHTML:    ${html}` : ''}`);
}

/** The innermost cause cucumber printed (a tag expression that does not parse, a support file that fails to load). */
function cucumberComplaint(stderr: string, code: number): string {
  const causes = [...stderr.matchAll(/\[cause\]: (?:\w*Error: )?(.+)/g)];
  const first = stderr.split('\n').find((line) => line.trim() !== '');
  return causes.at(-1)?.[1] ?? first ?? `cucumber exited with ${code} before running any scenario`;
}

/** A run that could not start still leaves its reports, saying why. */
function stopBeforeRun(reason: string, code: number): number {
  writeNotStartedReports(reason);
  console.error(`\nThe run did not start:\n  ${reason.split('\n').join('\n  ')}`);
  printReportPaths(join(HTML_DIR, 'index.html'));
  return code;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** The kube context, or inside a pod without a kubeconfig, its ServiceAccount (named in its token). */
function clusterInUse(env: NodeJS.ProcessEnv): string {
  if (env.KUBECONFIG || !env.KUBERNETES_SERVICE_HOST || !existsSync(SERVICE_ACCOUNT_TOKEN)) return 'the current kube context';
  const payload = readFileSync(SERVICE_ACCOUNT_TOKEN, 'utf8').split('.')[1] ?? '';
  const subject = (JSON.parse(Buffer.from(payload, 'base64url').toString() || '{}') as { sub?: string }).sub ?? 'its ServiceAccount';
  return `this cluster, from inside it as ${subject}`;
}

/** The sandbox's settings, except the harness's own variables the user has set (an image of their own, say): those win. */
function useSandboxEnvironment(): void {
  for (const [name, value] of Object.entries(sandboxEnvironment())) {
    if (!(name.startsWith('KUBEFLOW_BDD_') && name in process.env)) process.env[name] = value;
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const useSandbox = args[0] === '--sandbox';
  // The sandbox's KUBECONFIG and PATH serve this process (the sweeps) and cucumber alike.
  if (useSandbox) useSandboxEnvironment();
  const env = process.env;
  env.KUBEFLOW_BDD_RUN_ID ??= newRunId();
  for (const stale of [CUCUMBER_JSON, MESSAGES_NDJSON, METADATA_FILE, HTML_DIR]) rmSync(stale, { recursive: true, force: true });
  forgetCleanupProblems();

  console.log(`kubeflow-bdd run ${env.KUBEFLOW_BDD_RUN_ID} against ${useSandbox ? 'the sandbox' : clusterInUse(env)}`);
  let config;
  let sharded;
  try {
    config = readConfig();
    sharded = shardArgs(useSandbox ? args.slice(1) : args);
  } catch (error) {
    return stopBeforeRun((error as Error).message, 2);
  }
  const { args: cucumberArgs, shard } = sharded;
  if (shard) {
    env.KUBEFLOW_BDD_SHARD = `${shard.index}/${shard.total}`;
    console.log(`This is ${describeShard(shard)}.`);
  }
  const started = new Date();
  const cucumber = runCucumber(cucumberArgs, cucumberEnvironment(env));
  // Beside the run, not before it: other runs' labels are not this one's.
  await sweepLeftovers({ olderThanMs: ABANDONED_AFTER_MS }, 'of runs that ended over two hours ago without cleaning up');
  const { code, signal, stderrTail } = await cucumber;
  if (signal) await sweepLeftovers({ runId: env.KUBEFLOW_BDD_RUN_ID }, `of this interrupted run ${env.KUBEFLOW_BDD_RUN_ID}`);

  const summary = summarise(MESSAGES_NDJSON);
  if (code !== 0 && !signal && Object.keys(summary.tests).length === 0) return stopBeforeRun(cucumberComplaint(stderrTail, code), code);
  // Namespaces are seen gone at the end of the run: what stayed fails it, outside any scenario.
  const leftBehind = readCleanupProblems();
  const cleanupProblem = leftBehind.length > 0 ? `Cleanup left things behind:\n${leftBehind.join('\n')}` : undefined;
  const stoppedBecause = summary.runError;
  if (cleanupProblem) summary.runError = stoppedBecause ? `${stoppedBecause}\n\n${cleanupProblem}` : cleanupProblem;
  const finished = new Date();
  const [{ writeHtmlReport }, { CLUSTER_PROBLEM }, { writeTrend, TREND_PAGE }] = await Promise.all([
    import('../support/report/html'),
    import('../support/report/fingerprint'),
    import('../support/report/trend-files'),
  ]);
  // A shard's results join the history once merged with the other shards' (npm run report:merge); a dry run has none.
  const dryRun = cucumberArgs.some((arg) => arg === '--dry-run' || arg === '-d');
  const trend = shard || dryRun ? undefined : writeTrend(config.history, { runId: config.runId, started, finished });
  const html = writeHtmlReport({ started, finished, summary, links: trend ? [{ label: 'Trend across runs', href: TREND_PAGE }] : [] });
  const metadata = readRunMetadata() ?? {};
  printPlatform(metadata);
  console.log(`\n${formatSummary(summary)}`);
  if (trend) console.log(`\n${trend}`);
  const problem = metadata[CLUSTER_PROBLEM];
  if (problem) console.log(`\nThe cluster could not be used, so every scenario failed:\n  ${problem.split('\n').join('\n  ')}`);
  else if (stoppedBecause) console.log(`\nThe run stopped before its scenarios: ${stoppedBecause.split('\n').join('\n  ')}`);
  if (cleanupProblem) console.log(`\n${cleanupProblem.split('\n').join('\n  ')}`);
  printReportPaths(html);
  // In an Indexed Job (KUBEFLOW_BDD_SHARDS), the last shard merges them.
  if (shard && !env.KUBEFLOW_BDD_SHARDS) console.log(`\nThis was ${describeShard(shard)}. Merge the shards' reports with: npm run report:merge -- <their report folders>`);
  return signal ? 130 : code || (cleanupProblem ? 1 : 0);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
