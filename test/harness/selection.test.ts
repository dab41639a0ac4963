// Runs that must not look green, run the way a user runs them and with no cluster at
// all: a selection of no scenario, a dry run whose scenarios are all skipped, and
// report:merge of a set of shards with one missing or of a folder that is not a shard's.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { reportFiles, ROOT, runFeatures } from './run';

/** No kubeconfig anywhere: a run that needs the cluster would say so. */
const NO_CLUSTER = { KUBECONFIG: '/nonexistent/kubeconfig', HOME: mkdtempSync(join(tmpdir(), 'kubeflow-bdd-home-')) };
/** Cucumber's start and the reports take a few seconds; a run that waited on a cluster would take far longer. */
const QUICK_SECONDS = 30;

const runWithoutCluster = (args: string[]) => runFeatures(args, { ownCluster: true, env: NO_CLUSTER });
const read = (reports: string, file: string) => readFileSync(join(reports, file), 'utf8');

function reportMerge(dirs: string[]): { code: number | null; output: string; reports: string } {
  const reports = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-merged-'));
  const merge = spawnSync(process.execPath, ['-r', './scripts/register-ts.js', 'scripts/report-merge.ts', ...dirs], {
    cwd: ROOT,
    env: { ...process.env, KUBEFLOW_BDD_REPORTS: reports },
    encoding: 'utf8',
  });
  return { code: merge.status, output: merge.stdout + merge.stderr, reports };
}

test('a tag expression that selects no scenario fails the run at once, naming it and the tags there are, and the reports say so', async () => {
  const run = await runWithoutCluster(['--tags', '@no-such-tag']);
  assert.equal(run.code, 2, run.output);
  assert.ok(run.seconds < QUICK_SECONDS, `took ${run.seconds} s`);
  assert.match(run.output, /The run selected no scenario:\n\s+--tags "@no-such-tag" selected none of the \d+ scenarios in features\/\.\n\s+Fix: select by the tags those scenarios have \(.*@pytorchjob.*\)\. To run no scenario on purpose, add --allow-empty\./);
  assert.equal(reportFiles(run.reports).length, 4);
  assert.match(read(run.reports, 'junit.xml'), /errors="1"[\s\S]*<error message="--tags &quot;@no-such-tag&quot; selected none/);
  assert.match(read(run.reports, 'html/index.html'), /<h1>Kubeflow validation: The run selected no scenario<\/h1>/);
});

test('a features path that does not exist fails the run, naming it and the feature folders there are', async () => {
  const run = await runWithoutCluster(['features/pytorchjbo']);
  assert.equal(run.code, 2, run.output);
  assert.match(run.output, /features\/pytorchjbo does not exist, so no scenario was selected\.\n\s+Fix: name feature files or folders that exist, e\.g\. .*features\/pytorchjob/);
  assert.equal(reportFiles(run.reports).length, 4);
});

test('a dry run that selects nothing fails the same way; --allow-empty asks for an empty run on purpose', async () => {
  const dry = await runWithoutCluster(['--dry-run', '--tags', '@no-such-tag']);
  assert.equal(dry.code, 2, dry.output);
  assert.match(dry.output, /--tags "@no-such-tag" selected none of/);
  const allowed = await runWithoutCluster(['--allow-empty', '--tags', '@no-such-tag']);
  assert.equal(allowed.code, 0, allowed.output);
  assert.match(allowed.output, /Scenarios\s+0\n[\s\S]*No scenario ran: nothing was checked\./);
});

test("a dry run's scenarios are skipped, and every report says so: none reads as passed", async () => {
  const run = await runWithoutCluster(['--dry-run', '--tags', '@pytorchjob']);
  // A dry run checks the steps' definitions, not the platform: its skips are its design.
  assert.equal(run.code, 0, run.output);
  const count = Number(/Scenarios\s+(\d+) \(\d+ skipped\)/.exec(run.output)?.[1]);
  assert.ok(count > 0, run.output);
  assert.match(run.output, new RegExp(`Nothing was checked: all ${count} scenarios were skipped\\.`));
  const junit = read(run.reports, 'junit.xml');
  assert.match(junit, new RegExp(`tests="${count}" skipped="${count}" failures="0"`));
  assert.equal(junit.match(/<skipped\/>/g)?.length, count);
  assert.match(read(run.reports, 'html/index.html'), new RegExp(`<p class="kfbdd-verdict kfbdd-unchecked">Nothing was checked: all ${count} scenarios were skipped`));
});

test('report:merge of shards 1 and 3 of 3 names shard 2 as missing and fails; a folder of a run that was not sharded is refused', async () => {
  // Dry runs make real shard folders without a cluster; a run without one fails its scenarios, and records the cluster's problem.
  const [first, third, unsharded] = await Promise.all([
    runWithoutCluster(['--dry-run', '--tags', '@pytorchjob', '--shard', '1/3']),
    runWithoutCluster(['--dry-run', '--tags', '@pytorchjob', '--shard', '3/3']),
    runWithoutCluster(['--tags', '@pytorchjob']),
  ]);
  for (const shard of [first, third]) assert.equal(shard.code, 0, shard.output);
  assert.equal(unsharded.code, 1, unsharded.output);

  const incomplete = reportMerge([first.reports, third.reports]);
  assert.equal(incomplete.code, 1, incomplete.output);
  assert.match(incomplete.output, /The set of shards is not complete: shard 2\/3 is missing\..*Fix: give the folder of every shard/);
  assert.match(read(incomplete.reports, 'junit.xml'), /<error message="shard 2\/3 is missing"\/>/);
  assert.match(read(incomplete.reports, 'html/index.html'), /kfbdd-verdict kfbdd-bad[\s\S]*shard 2\/3 is missing/);

  const mixed = reportMerge([first.reports, unsharded.reports]);
  assert.equal(mixed.code, 2, mixed.output);
  assert.ok(mixed.output.includes(`${unsharded.reports} is not a finished shard's report folder: its run-metadata.json names no shard`), mixed.output);
  assert.deepEqual(reportFiles(mixed.reports), [], 'a refused merge writes no report');
});

test('an order that would run a check of the upgraded platform before the upgrade, or a scenario after it, is refused with the fix', async () => {
  const random = await runWithoutCluster(['--order', 'random']);
  assert.equal(random.code, 2, random.output);
  assert.match(random.output, /--order random would run the upgrade scenarios \(@upgrade\) among the others[\s\S]*Fix: run the upgrade on its own after the rest/);
  assert.equal(reportFiles(random.reports).length, 4);
  const reversed = await runWithoutCluster(['--dry-run', 'features/upgrade', 'features/tfjob']);
  assert.equal(reversed.code, 2, reversed.output);
  assert.match(reversed.output, /runs features\/tfjob\/tfjob\.feature:\d+ after the upgrade scenarios \(@upgrade\), on an upgraded platform/);
  const rest = await runWithoutCluster(['--dry-run', '--order', 'random', '--tags', 'not @upgrade']);
  assert.equal(rest.code, 0, rest.output);
});
