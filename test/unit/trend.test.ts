import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readConfig } from '../../support/config';
import { addToHistory, readHistory, runRecord } from '../../support/report/history';
import { readRunMessages, type RunMessages } from '../../support/report/messages';
import { analyseTrend, formatTrend } from '../../support/report/trend';
import { FIXED, FLAKY, NEW_FAILURE, SLOWER, STABLE, trendHistory } from '../fixtures/trend-history';

test('the trend names the new failure, the fix, the flaky scenario, the slowdown and the upgrade that came with them', () => {
  const trend = analyseTrend(trendHistory());
  assert.deepEqual(trend.newFailures.map((s) => s.name), [NEW_FAILURE]);
  assert.deepEqual(trend.fixed.map((s) => s.name), [FIXED]);
  assert.deepEqual(trend.flaky.map((s) => [s.name, s.why]), [[FLAKY, 'passed only on a retry in 1 of the last 6 runs that checked it']]);
  assert.deepEqual(trend.slower.map((s) => [s.name, s.measure, s.seconds, s.median]), [[SLOWER, 'time to Succeeded', 95, 41]]);
  assert.deepEqual(trend.platformChanges, [{ runId: 'night-6', started: '2026-11-25T02:00:00.000Z', changes: [{ row: 'Kubeflow components', before: 'trainer v2.2.0', after: 'trainer v2.3.0' }] }]);
  assert.ok(!trend.flaky.some((s) => s.name === STABLE));
});

test('a scenario that alternates between passed and failed is flaky; one that fails once, then is fixed, is not', () => {
  const history = trendHistory().map((run, night) => ({
    ...run,
    scenarios: run.scenarios.map((s) => (s.name === STABLE && night % 2 === 1 ? { ...s, status: 'failed', attempts: ['failed'] } : s)),
  }));
  const flaky = analyseTrend(history).flaky.map((s) => s.name);
  assert.ok(flaky.includes(STABLE), flaky.join());
  assert.ok(!flaky.includes(FIXED), 'failed once, then fixed: a fix, not flakiness');
});

/** The history with STABLE's status in each night, oldest first. */
const withStatuses = (statuses: string[]) =>
  trendHistory()
    .slice(-statuses.length)
    .map((run, night) => ({ ...run, scenarios: run.scenarios.map((s) => (s.name === STABLE ? { ...s, status: statuses[night], attempts: [statuses[night]] } : s)) }));

test('a skipped scenario is not a pass, a fix or a flip: its latest result is compared with the last run that checked it', () => {
  const names = (list: { name: string }[]) => list.map((s) => s.name).filter((name) => name === STABLE);
  assert.deepEqual(names(analyseTrend(withStatuses(['failed', 'skipped'])).fixed), [], 'failed, then skipped: not fixed');
  assert.deepEqual(names(analyseTrend(withStatuses(['passed', 'skipped'])).newFailures), [], 'passed, then skipped: not a failure');
  assert.deepEqual(names(analyseTrend(withStatuses(['failed', 'skipped', 'passed'])).fixed), [STABLE], 'failed, skipped, then passed: fixed');
  assert.deepEqual(names(analyseTrend(withStatuses(['passed', 'skipped', 'failed'])).newFailures), [STABLE], 'passed, skipped, then failed: a new failure');
  assert.deepEqual(names(analyseTrend(withStatuses(['passed', 'skipped', 'passed', 'skipped', 'passed', 'skipped'])).flaky), [], 'skips between passes are no flips');
  const skippedOnly = analyseTrend(withStatuses(['skipped', 'skipped', 'skipped']));
  assert.deepEqual([names(skippedOnly.newFailures), names(skippedOnly.fixed), names(skippedOnly.flaky)], [[], [], []]);
});

test('the console gets the trend in a heading and five lines', () => {
  const lines = formatTrend(analyseTrend(trendHistory()), '/var/kubeflow-bdd/history').split('\n');
  assert.equal(lines.length, 6);
  assert.match(lines[1], new RegExp(`new failures  1: ${NEW_FAILURE}`));
  assert.match(lines[2], new RegExp(`fixed         1: ${FIXED}`));
  assert.match(lines[3], /flaky         1: A notebook server answers \(passed only on a retry/);
  assert.match(lines[4], /slower        1: A PyTorchJob succeeds \(time to Succeeded 1m35s, median 41s\)/);
  assert.match(lines[5], /platform      changed since the last run: Kubeflow components trainer v2\.2\.0 → trainer v2\.3\.0/);
});

test("the trend is this run's, though a later run has joined the history since", () => {
  const trend = analyseTrend(trendHistory(), 'night-5');
  assert.equal(trend.runs.at(-1)?.runId, 'night-5');
  assert.deepEqual(trend.newFailures.map((s) => s.name), [FIXED]);
});

test('one run has nothing to compare with, and says so', () => {
  const lines = formatTrend(analyseTrend(trendHistory().slice(0, 1)), 'h').split('\n');
  assert.match(lines[5], /no earlier run to compare with/);
  assert.match(lines[1], /none/);
});

test('the history keeps the newest runs it is told to keep, and names a file that is not a run instead of failing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-history-'));
  for (const run of trendHistory()) addToHistory({ dir, keep: 4 }, run);
  writeFileSync(join(dir, 'zz-broken.json'), '{');
  writeFileSync(join(dir, 'zz-other.json'), JSON.stringify({ runId: 'x', started: 'y', platform: {}, scenarios: [{ key: 'k', status: 'passed' }] }));
  const problems: string[] = [];
  const kept = readHistory(dir, (problem) => problems.push(problem));
  assert.deepEqual(kept.map((run) => run.runId), ['night-3', 'night-4', 'night-5', 'night-6']);
  assert.equal(problems.length, 2);
  assert.match(problems[0], /zz-broken\.json was left out of the trend/);
  assert.match(problems[1], /zz-other\.json was left out of the trend: not a run record/);
  assert.deepEqual(readHistory(join(dir, 'none'), () => assert.fail('a missing history is an empty one')), []);
});

test('KUBEFLOW_BDD_HISTORY_KEEP must be a whole number of runs', () => {
  assert.throws(() => readConfig({ KUBEFLOW_BDD_HISTORY_KEEP: 'ten' }), /KUBEFLOW_BDD_HISTORY_KEEP="ten" is not a number of runs. Fix: give a whole number of 1 or more/);
  assert.equal(readConfig({ KUBEFLOW_BDD_HISTORY: '/var/h', KUBEFLOW_BDD_HISTORY_KEEP: '7' }).history.keep, 7);
});

test("a merged run's scenarios keep their own keys, whichever shard ran them; examples that share a name are told apart", () => {
  const t = (seconds: number) => ({ seconds, nanos: 0 });
  const shard = (ran: string[]) => [
    { meta: {} },
    ...['B', 'C', 'C'].map((name, i) => ({ pickle: { id: `${ran.join('')}-${i}`, name, uri: 'f.feature' } })),
    ...ran.map((i) => ({ testCase: { id: `tc-${ran.join('')}-${i}`, pickleId: `${ran.join('')}-${i}`, testSteps: [{ id: 's', pickleStepId: 'p' }] } })),
    ...ran.flatMap((i) => [
      { testCaseStarted: { id: `st-${ran.join('')}-${i}`, testCaseId: `tc-${ran.join('')}-${i}`, timestamp: t(1) } },
      { testStepFinished: { testCaseStartedId: `st-${ran.join('')}-${i}`, testStepId: 's', testStepResult: { status: 'PASSED' } } },
      { testCaseFinished: { testCaseStartedId: `st-${ran.join('')}-${i}`, willBeRetried: false, timestamp: t(3) } },
    ]),
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'kubeflow-bdd-merged-')), 'cucumber.ndjson');
  writeFileSync(file, [...shard(['0']), ...shard(['1', '2'])].map((m) => JSON.stringify(m)).join('\n'));
  const record = runRecord(readRunMessages(file) as RunMessages, {}, { runId: 'r', started: new Date(0), finished: new Date(5000) });
  assert.deepEqual(record.scenarios.map((s) => s.key).sort(), ['f.feature › B', 'f.feature › C', 'f.feature › C (2)']);
});
