// The harness's image run by Kubernetes in the sandbox, as manifests/in-cluster/ runs
// it in a user's cluster: on the real node, as the least-privilege ServiceAccount,
// through the in-cluster configuration, its reports on a volume and copied out.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JsonFeature } from '../../support/report/cucumber-json';
import { leftovers, ROOT, runFeatures, sandboxClients } from './run';

interface InClusterRun {
  code: number | null;
  output: string;
  /** The Job's name, which is the run's id. */
  runId: string;
  /** The run's reports, as copied off the volume. */
  reports: string;
}

function inCluster(args: string[]): Promise<InClusterRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', 'scripts/in-cluster.ts', ...args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      const reports = /Reports, copied off the volume \S+: (\S+)\/\{/.exec(output)?.[1] ?? '';
      resolve({ code, output, reports, runId: reports.split('/').pop() ?? '' });
    });
  });
}

const scenarios = (reports: string): string[] =>
  (JSON.parse(readFileSync(join(reports, 'cucumber.json'), 'utf8')) as JsonFeature[]).flatMap((f) => f.elements.map((e) => `${f.uri}:${e.line}`)).sort();

const AS_SERVICE_ACCOUNT = /against this cluster, from inside it as system:serviceaccount:kubeflow-bdd:kubeflow-bdd/;

/**
 * The sharded run's selection: a share of every kind of scenario would do, and the
 * whole suite already ran in the Job before it; this one, with an upgrade follow-up
 * for the last shard, keeps npm test within its time.
 */
const SHARDED = ['--tags', '@profile or @pytorchjob or @poddefault'];

let everyScenario: string[];
let shardedSelection: string[];
test('every scenario of the suite, and of the sharded selection, as dry runs list them', async () => {
  everyScenario = scenarios((await runFeatures(['--dry-run'])).reports);
  assert.ok(everyScenario.length >= 19, everyScenario.join());
  shardedSelection = scenarios((await runFeatures([...SHARDED, '--dry-run'])).reports);
  assert.ok(shardedSelection.length >= 5 && shardedSelection.some((s) => s.startsWith('features/upgrade/')), shardedSelection.join());
});

test('the image runs every feature green as a Job, with the least-privilege ServiceAccount, from inside the cluster', async () => {
  const run = await inCluster(['--parallel', '2']);
  assert.equal(run.code, 0, run.output.slice(-6000));
  assert.match(run.output, AS_SERVICE_ACCOUNT);
  const n = everyScenario.length;
  assert.match(run.output, new RegExp(`Job \\S+ completed\\.\\s+Scenarios  ${n} \\(${n} passed\\)`), 'every scenario ran and passed: none skipped');
  assert.deepEqual(scenarios(run.reports), everyScenario);
  assert.ok(existsSync(join(run.reports, 'html', 'index.html')), 'the HTML report came off the volume');
  assert.deepEqual(await leftovers(sandboxClients(), run.runId), [], `the run ${run.runId} left objects behind`);
});

test('a 3-shard Indexed Job runs every scenario exactly once, the upgrade last, and its merged report counts them all', async () => {
  const run = await inCluster(['--shards', '3', ...SHARDED]);
  assert.equal(run.code, 0, run.output.slice(-6000));
  assert.match(run.output, /\[shard 3\] Waiting for the other 2 shard\(s\)/);
  assert.deepEqual(scenarios(run.reports), shardedSelection, 'the merged report holds each scenario once');
  const n = shardedSelection.length;
  assert.match(run.output, new RegExp(`\\[shard 3\\] Merged 3 shards \\(1/3, 2/3, 3/3\\)[\\s\\S]*Scenarios  ${n} \\(${n} passed\\)`));
  assert.match(readFileSync(join(run.reports, 'junit.xml'), 'utf8'), new RegExp(`tests="${n}" skipped="0" failures="0"`));
  for (const shard of [1, 2, 3]) assert.ok(existsSync(join(run.reports, `shard-${shard}`, 'cucumber.json')), `shard ${shard}'s own reports are kept beside the merged ones`);
  const upgradeShard = scenarios(join(run.reports, 'shard-3'));
  assert.ok(upgradeShard.length > 0 && upgradeShard.every((s) => s.startsWith('features/upgrade/')), upgradeShard.join());
});

test('the nightly CronJob, made to fire once, runs as the ServiceAccount; its reports and history land on the volume', async () => {
  const run = await inCluster(['--cronjob', '--tags', '@profile']);
  assert.equal(run.code, 0, run.output.slice(-6000));
  assert.match(run.output, /Job kubeflow-bdd\/kubeflow-bdd-nightly-\d+, made by CronJob kubeflow-bdd-nightly at its first firing/);
  assert.match(run.output, AS_SERVICE_ACCOUNT);
  assert.match(run.output, /Trend over the last \d+ run\(s\) \(\/reports\/history\)/);
  assert.match(run.output, /Reports: \/reports\/kubeflow-bdd-nightly-\d+\//);
  assert.ok(existsSync(join(run.reports, 'html', 'trend.html')), 'the Trend page came off the volume too');
});
