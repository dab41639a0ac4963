// A run split into shards, as a CI matrix or the in-cluster Indexed Job runs it, against
// the sandbox: every scenario runs exactly once, and the merged report counts them all.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JsonFeature } from '../../support/report/cucumber-json';
import { readHistory } from '../../support/report/history';
import { ROOT, runFeatures } from './run';

const TAGS = ['--tags', '@profile or @pytorchjob or @poddefault'];

const scenarios = (reports: string): string[] =>
  (JSON.parse(readFileSync(join(reports, 'cucumber.json'), 'utf8')) as JsonFeature[]).flatMap((f) => f.elements.map((e) => `${f.uri}:${e.line}`)).sort();

test('three shards, two side by side and then the upgrade one, run every scenario once; the merged report counts them all', async () => {
  const selected = scenarios((await runFeatures([...TAGS, '--dry-run'])).reports);
  assert.ok(selected.some((s) => s.startsWith('features/upgrade/')) && selected.length >= 5, selected.join());

  const [first, second] = await Promise.all([runFeatures([...TAGS, '--shard', '1/3']), runFeatures([...TAGS, '--shard', '2/3'])]);
  const shards = [first, second, await runFeatures([...TAGS, '--shard', '3/3'])];
  for (const shard of shards) assert.equal(shard.code, 0, shard.output);
  assert.deepEqual(scenarios(shards[2].reports).map((s) => s.split(':')[0]), selected.filter((s) => s.startsWith('features/upgrade/')).map((s) => s.split(':')[0]), 'the last shard runs the upgrade scenarios alone');

  const merged = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-merged-'));
  const merge = spawnSync(process.execPath, ['-r', 'ts-node/register', 'scripts/report-merge.ts', ...shards.map((s) => s.reports)], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KUBEFLOW_BDD_REPORTS: merged } });
  assert.equal(merge.status, 0, merge.stdout + merge.stderr);
  assert.deepEqual(scenarios(merged), selected, 'each selected scenario ran in exactly one shard');
  const n = selected.length;
  assert.match(merge.stdout, new RegExp(`Scenarios  ${n} \\(${n} passed\\)`));
  assert.match(readFileSync(join(merged, 'junit.xml'), 'utf8'), new RegExp(`tests="${n}" skipped="0" failures="0"`));
  assert.match(readFileSync(join(merged, 'html', 'index.html'), 'utf8'), new RegExp(`All ${n} scenarios passed`));
  const [run] = readHistory(join(merged, 'history'), assert.fail);
  assert.equal(run.scenarios.length, n, 'the merged run joined the history whole');
});
