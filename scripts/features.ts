// npm run features [-- cucumber args]: runs the Gherkin features against the current
// kube context, then writes the HTML report and prints the counts.
// npm run features:sandbox: the same against the local sandbox, started if it is down.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newRunId, readConfig } from '../support/config';
import type { SweepScope } from '../support/cluster/sweep';
import { forgetCleanupProblems, readCleanupProblems } from '../support/report/cleanup-problems';
import { readRunMessages } from '../support/report/messages';
import { NOT_STARTED, writeNotStartedReports } from '../support/report/not-started';
import { CUCUMBER_JSON, HTML_DIR, MESSAGES_NDJSON, METADATA_FILE, REPORTS_DIR } from '../support/report/paths';
import { addToRunMetadata, readRunMetadata } from '../support/report/run-metadata';
import { formatSummary, summarise } from '../support/report/summary';
import { NOTHING_CHECKED_EXIT_CODE, verdictOf } from '../support/report/verdict';
import { checkCucumberOptions } from './cucumber-options';
import { sandboxEnvironment } from './sandbox-env';
import { describeEmptySelection, SELECTED_NOTHING, takeAllowEmpty } from './selection';
import { describeShard, formatShard, shardArgs } from './shard';
import { upgradeOrderProblem } from './upgrade-order';

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

/** What a sweep could not do, named for the console and the Run box: a 403 there must not pass in silence. */
async function sweepLeftovers(scope: SweepScope, what: string): Promise<string[]> {
  // Loaded here, once cucumber has started: the client library takes most of a second to load.
  const [{ makeClients }, { sweep }] = await Promise.all([import('../support/cluster/client'), import('../support/cluster/sweep')]);
  let clients;
  try {
    clients = makeClients();
  } catch {
    return []; // no cluster: the run itself says so, with the fix
  }
  const result = await sweep(clients, scope).catch((error: Error) => ({ removed: [], problems: [error.message] }));
  if (result.removed.length) console.error(`Removed ${result.removed.length} leftover(s) ${what}: ${result.removed.join(', ')}`);
  return result.problems;
}

/** The Run box's row, and the console's heading, for leftovers the runner could not sweep. */
const NOT_SWEPT = 'Leftovers of earlier runs not swept';

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

/** A run that could not start, or selected no scenario, still leaves its reports, saying why. */
function stopBeforeRun(reason: string, code: number, headline = NOT_STARTED): number {
  writeNotStartedReports(reason, headline);
  console.error(`\n${headline}:\n  ${reason.split('\n').join('\n  ')}`);
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
  const { args: userArgs, allowEmpty } = takeAllowEmpty(useSandbox ? args.slice(1) : args);
  let config;
  let sharded;
  try {
    config = readConfig();
    sharded = shardArgs(userArgs);
    checkCucumberOptions(sharded.args);
  } catch (error) {
    return stopBeforeRun((error as Error).message, 2);
  }
  const { args: cucumberArgs, shard } = sharded;
  // A tag expression that does not parse fails this look ahead too; cucumber's run names it, with its reports.
  const orderProblem = await upgradeOrderProblem(cucumberArgs).catch(() => undefined);
  if (orderProblem) return stopBeforeRun(orderProblem, 2);
  if (shard) console.log(`This is ${describeShard(shard)}.`);
  const started = new Date();
  const cucumber = runCucumber(cucumberArgs, cucumberEnvironment(env));
  // Beside the run, not before it: other runs' labels are not this one's.
  const sweepProblems = await sweepLeftovers({ olderThanMs: ABANDONED_AFTER_MS }, 'of runs that ended over two hours ago without cleaning up');
  const { code, signal, stderrTail } = await cucumber;
  if (signal) sweepProblems.push(...(await sweepLeftovers({ runId: env.KUBEFLOW_BDD_RUN_ID }, `of this interrupted run ${env.KUBEFLOW_BDD_RUN_ID}`)));

  const summary = summarise(MESSAGES_NDJSON);
  const noAttempt = !signal && Object.keys(summary.tests).length === 0;
  if (code !== 0 && noAttempt) return stopBeforeRun(cucumberComplaint(stderrTail, code), code);
  // A shard's share may be empty while the others' are not: report:merge judges the set.
  const messages = noAttempt && !shard && !allowEmpty ? readRunMessages(MESSAGES_NDJSON) : undefined;
  if (messages?.selected === 0) return stopBeforeRun(describeEmptySelection(cucumberArgs, messages.pickles), 2, SELECTED_NOTHING);
  // Recorded by the runner rather than the run, so a shard that could not reach the cluster is still known as one.
  if (shard) addToRunMetadata({ Shard: formatShard(shard) });
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
  // A cluster the run could not use explains the sweep's trouble too, with its fix; anything else is named on its own.
  const notSwept = sweepProblems.length > 0 && !readRunMetadata()?.[CLUSTER_PROBLEM] ? sweepProblems.join('\n') : undefined;
  if (notSwept) addToRunMetadata({ [NOT_SWEPT]: notSwept });
  // A shard's results join the history once merged with the other shards' (npm run report:merge); a dry run has none.
  const dryRun = cucumberArgs.some((arg) => arg === '--dry-run' || arg === '-d');
  // Every selected scenario skipped checks nothing: not a pass. A dry run skips them all by design; a shard is judged with the others.
  const nothingChecked = !dryRun && !shard && verdictOf(summary).outcome === 'skipped';
  const trend = shard || dryRun ? undefined : writeTrend(config.history, { runId: config.runId, started, finished });
  const html = writeHtmlReport({ started, finished, summary, links: trend ? [{ label: 'Trend across runs', href: TREND_PAGE }] : [] });
  const metadata = readRunMetadata() ?? {};
  printPlatform(metadata);
  console.log(`\n${formatSummary(summary)}`);
  if (trend) console.log(`\n${trend}`);
  const problem = metadata[CLUSTER_PROBLEM];
  const scenariosRan = Object.keys(summary.scenarios).length > 0;
  if (problem) console.log(`\nThe cluster could not be used${scenariosRan ? ', so every scenario failed' : ''}:\n  ${problem.split('\n').join('\n  ')}`);
  else if (stoppedBecause) console.log(`\nThe run stopped before its scenarios: ${stoppedBecause.split('\n').join('\n  ')}`);
  if (cleanupProblem) console.log(`\n${cleanupProblem.split('\n').join('\n  ')}`);
  if (notSwept) console.log(`\n${NOT_SWEPT}:\n  ${notSwept.split('\n').join('\n  ')}`);
  if (nothingChecked) {
    console.log(
      `\nEvery selected scenario was skipped, so this run checked nothing: it exits ${NOTHING_CHECKED_EXIT_CODE}, neither passed nor failed. ` +
        'Fix: select scenarios this platform runs (the reasons are above), or set KUBEFLOW_BDD_REQUIRE to make such skips failures.',
    );
  }
  printReportPaths(html);
  // In an Indexed Job (KUBEFLOW_BDD_SHARDS), the last shard merges them.
  if (shard && !env.KUBEFLOW_BDD_SHARDS) console.log(`\nThis was ${describeShard(shard)}. Merge the shards' reports with: npm run report:merge -- <their report folders>`);
  return signal ? 130 : code || (cleanupProblem ? 1 : 0) || (nothingChecked ? NOTHING_CHECKED_EXIT_CODE : 0);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
