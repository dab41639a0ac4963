import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkShardSet, describeShard, readShard, shardArgs } from '../../scripts/shard';
import { mergeCucumberJson, mergeJunit, mergeMetadata, scenariosRunTwice } from '../../support/report/merge';
import type { JsonFeature } from '../../support/report/cucumber-json';

test("shards before the last share the scenarios with cucumber's --shard, without @upgrade; the last runs @upgrade alone", () => {
  assert.deepEqual(shardArgs(['--tags', '@trainjob', '--shard', '2/3', '--parallel', '2']), {
    args: ['--tags', '@trainjob', '--parallel', '2', '--shard', '2/2', '--tags', 'not @upgrade'],
    shard: { index: 2, total: 3 },
  });
  assert.deepEqual(shardArgs(['--shard=3/3']).args, ['--tags', '@upgrade']);
  assert.deepEqual(shardArgs(['--parallel', '2']), { args: ['--parallel', '2'] });
  assert.match(describeShard({ index: 3, total: 3 }), /shard 3 of 3: the @upgrade scenarios, after the other shards/);
});

test('a shard that is not one is refused, saying how to write it', () => {
  for (const bad of ['4/3', '0/3', '1/1', 'one/3', undefined]) {
    assert.throws(() => shardArgs(bad === undefined ? ['--shard'] : ['--shard', bad]), /is not a shard\. Fix: give --shard <index>\/<total>, with a total of 2 or more/);
  }
});

const feature = (uri: string, lines: number[]): JsonFeature => ({ id: uri, uri, name: uri, elements: lines.map((line) => ({ id: `${line}`, name: `at ${line}`, line, steps: [] })) });

test("a feature split over shards becomes one, its scenarios in the file's order; a scenario in two shards is named", () => {
  const shards = [[feature('b.feature', [9]), feature('a.feature', [20])], [feature('a.feature', [5, 12])]];
  const merged = mergeCucumberJson(shards);
  assert.deepEqual(merged.map((f) => [f.uri, f.elements.map((e) => e.line)]), [['a.feature', [5, 12, 20]], ['b.feature', [9]]]);
  assert.deepEqual(scenariosRunTwice(shards), []);
  assert.deepEqual(scenariosRunTwice([[feature('a.feature', [5])], [feature('a.feature', [5])]]), ['a.feature:5 (at 5)']);
});

test("the merged JUnit suite holds every shard's testcases and sums their counts", () => {
  const suite = (tests: number, failures: number, time: number, cases: string) =>
    `<?xml version="1.0"?>\n<testsuite name="kubeflow-bdd" time="${time}" tests="${tests}" skipped="0" failures="${failures}" errors="0" timestamp="2026-11-30T0${tests}:00:00.000Z">\n  ${cases}\n</testsuite>\n`;
  const failed = '<testcase name="with &lt;workers> worker(s)"><failure message="x"/><system-out><![CDATA[a/>b]]></system-out></testcase>';
  const skipped = '<testcase name="b"><skipped/></testcase>';
  const merged = mergeJunit([suite(2, 1, 30, `${failed}\n  ${skipped}`), suite(1, 0, 50, '<testcase name="c"/>')]);
  assert.match(merged, /<testsuite name="kubeflow-bdd" time="50" tests="3" skipped="0" failures="1" errors="0" timestamp="2026-11-30T01:00:00.000Z">/);
  // Every testcase whole, its children and end tag with it.
  assert.ok(merged.includes(failed) && merged.includes(skipped) && merged.includes('<testcase name="c"/>'), merged);
  assert.equal(merged.match(/<testcase /g)?.length, 3);
  assert.equal(merged.match(/<\/testcase>/g)?.length, 2);
  assert.deepEqual(mergeMetadata([{ 'Run id': 'n1', Shard: '1/2', Nodes: '3' }, { 'Run id': 'n1', Shard: '2/2', Nodes: '3' }]), { 'Run id': 'n1', Nodes: '3', Shards: '1/2, 2/2' });
});

test("the skipped testcases of every shard stay skipped in the merged suite, counted; a problem of the set is an error of the suite", () => {
  const suite = (tests: number, skipped: number, cases: string) => `<testsuite name="kubeflow-bdd" time="1" tests="${tests}" skipped="${skipped}" failures="0" errors="0">\n  ${cases}\n</testsuite>`;
  const skippedCase = (name: string) => `<testcase name="${name}"><skipped/></testcase>`;
  const merged = mergeJunit([suite(2, 2, `${skippedCase('a')}\n  ${skippedCase('b')}`), suite(1, 1, skippedCase('c'))], ['shard 2/3 is missing']);
  assert.match(merged, /tests="3" skipped="3" failures="0" errors="1"/);
  assert.equal(merged.match(/<skipped\/>/g)?.length, 3);
  assert.match(merged, /<error message="shard 2\/3 is missing"\/>/);
});

const folder = (dir: string, shard?: string) => ({ dir, shard: readShard(shard) });

test('report:merge takes the shards of one set in their order and names the ones missing', () => {
  const { ordered, missing } = checkShardSet([folder('s3', '3/3'), folder('s1', '1/3')]);
  assert.deepEqual(ordered.map((f) => f.dir), ['s1', 's3']);
  assert.deepEqual(missing, ['shard 2/3 is missing']);
  assert.deepEqual(checkShardSet([folder('b', '2/2'), folder('a', '1/2')]).missing, []);
});

test('report:merge refuses a shard given twice, shards of different sets and the folder of a run that was not sharded, naming the folder', () => {
  assert.throws(() => checkShardSet([folder('x', '1/3'), folder('y', '1/3'), folder('z', '3/3')]), /^Error: shard 1\/3 is given 2 times: x, y; shard 2\/3 is missing\. Fix: give the report folder of every shard of one run, each once/);
  assert.throws(() => checkShardSet([folder('x', '1/3'), folder('y', '2/4')]), /These folders are shards of different sets: x is shard 1\/3, y is shard 2\/4\. Fix:/);
  assert.throws(() => checkShardSet([folder('x', '1/2'), folder('nightly')]), /^Error: nightly is not a finished shard's report folder: its run-metadata\.json names no shard, so its run was not sharded.*Fix:/);
  assert.equal(readShard('4/3'), undefined);
  assert.deepEqual(readShard('2/3'), { index: 2, total: 3 });
});
