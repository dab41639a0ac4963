import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { failedScenarios, showHooks, type JsonFeature } from '../../support/report/cucumber-json';
import { renderFirstScreen } from '../../support/report/first-screen';

const feature = (steps: JsonFeature['elements'][number]['steps']): JsonFeature => ({
  id: 'training-<jobs>',
  uri: 'features/a.feature',
  name: 'Training <jobs>',
  elements: [{ id: 's', name: 'A job <script>alert(1)</script>', line: 7, steps }],
});
const summary = { scenarios: { failed: 1 }, skipped: [], tests: {}, steps: {} };

test('a failed scenario is listed with its "Most likely" line as the reason, its first line beside it, and a link to its place', () => {
  const message = 'WaitTimeoutError: Timed out after 20s waiting for 1 Master pod(s)\nLast seen: no pods\nMost likely: the training operator created no Master pod';
  const [failed] = failedScenarios([feature([{ keyword: 'Then ', name: 'the job has 1 Master pod', result: { status: 'failed', duration: 2e9, error_message: message } }])]);
  assert.equal(failed.reason, 'Most likely: the training operator created no Master pod');
  assert.equal(failed.detail, 'Timed out after 20s waiting for 1 Master pod(s)');
  assert.equal(failed.step, 'Then the job has 1 Master pod');
  assert.equal(failed.href, 'features/training--jobs-.html#kfbdd-scenario-0');
});

test('an undefined step fails its scenario with a reason too', () => {
  const [failed] = failedScenarios([feature([{ keyword: 'When ', name: 'I ask for a pony', result: { status: 'undefined' } }])]);
  assert.equal(failed.reason, 'no step definition matches this step');
});

test("hooks get their names and count in the scenario's time", () => {
  const features = [feature([
    { keyword: 'Before', hidden: true, result: { status: 'passed', duration: 1e9 } },
    { keyword: 'When ', name: 'it runs', result: { status: 'failed', duration: 1e9 } },
    { keyword: 'After', hidden: true, result: { status: 'passed', duration: 3e9 } },
  ])];
  showHooks(features, new Map([['features/a.feature:7', ['set up', 'clean up']]]));
  assert.deepEqual(features[0].elements[0].steps.map((step) => [step.name, step.hidden]), [['(set up)', false], ['it runs', undefined], ['(clean up)', false]]);
  assert.equal(failedScenarios(features)[0].seconds, 5);
});

test('names, reasons and Run values reach the page as text, never as markup', () => {
  const failed = failedScenarios([feature([{ keyword: 'Then ', name: 'x', result: { status: 'failed', error_message: 'Error: <img src=x onerror=alert(1)>' } }])]);
  const html = renderFirstScreen({ summary, failed, run: [{ label: 'Cluster', value: '<b>https://x</b>' }], links: [] });
  assert.doesNotMatch(html, /<script>|<img|<b>https/);
  assert.match(html, /A job &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /1 of 1 scenarios did not pass/);
});
