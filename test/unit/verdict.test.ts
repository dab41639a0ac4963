import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { renderFirstScreen } from '../../support/report/first-screen';
import { formatSummary, type RunSummary } from '../../support/report/summary';
import { verdictOf } from '../../support/report/verdict';

const run = (scenarios: RunSummary['scenarios'], runError?: string): RunSummary => ({ scenarios, skipped: [], tests: scenarios, steps: {}, runError });
const firstScreen = (summary: RunSummary) => renderFirstScreen({ summary, failed: [], run: [], links: [] });
const verdictLine = (html: string) => /<p class="kfbdd-verdict ([\w-]+)">([^<]*)/.exec(html)?.slice(1) ?? [];

test('a run whose scenarios were all skipped checked nothing: no console line, headline or colour calls it passed', () => {
  const skipped = run({ skipped: 5 });
  assert.deepEqual(verdictOf(skipped), { outcome: 'skipped', headline: 'Nothing was checked: all 5 scenarios were skipped' });
  const lines = formatSummary(skipped);
  assert.equal(lines.split('\n')[3], 'Nothing was checked: all 5 scenarios were skipped.');
  assert.doesNotMatch(lines, /passed/);
  const [colour, headline] = verdictLine(firstScreen(skipped));
  assert.equal(colour, 'kfbdd-unchecked');
  assert.match(headline, /^Nothing was checked: all 5 scenarios were skipped/);
  assert.doesNotMatch(firstScreen(skipped), /passed/);
});

test('skipped scenarios beside passed ones are counted as skipped, not as passed', () => {
  const mixed = run({ passed: 3, skipped: 2 });
  assert.deepEqual(verdictOf(mixed), { outcome: 'passed', headline: '3 of 5 scenarios passed, 2 skipped' });
  assert.deepEqual(verdictLine(firstScreen(mixed)), ['kfbdd-good', '3 of 5 scenarios passed, 2 skipped ']);
  assert.match(formatSummary(mixed), /^Scenarios  5 \(3 passed, 2 skipped\)\n.*\n.*\n3 of 5 scenarios passed, 2 skipped\.$/);
  assert.equal(verdictOf(run({ passed: 13 })).headline, 'All 13 scenarios passed');
});

test('a failure, an error outside the scenarios or no scenario at all is never green', () => {
  assert.deepEqual(verdictOf(run({ passed: 3, failed: 1, skipped: 1 })), { outcome: 'failed', headline: '1 of 5 scenarios did not pass' });
  assert.deepEqual(verdictLine(firstScreen(run({ passed: 3, failed: 1, skipped: 1 }))), ['kfbdd-bad', '1 of 5 scenarios did not pass ']);
  assert.match(firstScreen(run({ passed: 3, failed: 1, skipped: 1 })), /\(1 failed, 1 skipped, 3 passed\)/);
  assert.deepEqual(verdictOf(run({ passed: 2 }, 'Cleanup left things behind')), { outcome: 'failed', headline: 'The run failed outside its scenarios' });
  assert.equal(verdictOf(run({ skipped: 2 }, 'shard 2/3 is missing')).outcome, 'failed');
  assert.deepEqual(verdictOf(run({})), { outcome: 'empty', headline: 'No scenario ran: nothing was checked' });
  assert.deepEqual(verdictLine(firstScreen(run({}))), ['kfbdd-unchecked', 'No scenario ran: nothing was checked']);
});
