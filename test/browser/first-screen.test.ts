/// <reference lib="dom" />
// (Code in page.evaluate and its kin runs in the page, where the DOM is.)
// A failing run's HTML report, opened in headless Chromium: the first screen must
// answer the morning's question (what failed, why) and show the whole Run box.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readHistory } from '../../support/report/history';
import { runFeatures } from '../harness/run';
import { closeBrowser, openPage, SCREEN } from './chromium';

after(closeBrowser);

const FAILING = "A PyTorchJob whose master's memory limit is too small";
const REASON = /was killed for using more memory than its limit \(OOMKilled, exit 137, memory limit 40Mi\)/;

test("a failing run's first screen names the failed scenario and its reason beside the whole Run box, and its link opens the evidence", async () => {
  const run = await runFeatures(['--tags', '@real-failure or @pytorchjob', '--name', 'memory limit is too small|completes with 1 worker', 'features/pytorchjob', 'test/features/harness.feature']);
  assert.equal(run.code, 1, run.output);
  // The run joined its history (by default beside its reports) with the time its job took, by the cluster's clock.
  const [record] = readHistory(join(run.reports, 'history'), assert.fail);
  const passed = record.scenarios.find((s) => s.status === 'passed');
  assert.ok((passed?.workload['time to Succeeded'] ?? 0) > 0, JSON.stringify(record.scenarios));
  assert.match(run.output, /Trend over the last 1 run\(s\)[\s\S]*platform      no earlier run to compare with/);
  const html = join(run.reports, 'html');
  const { page, errors } = await openPage(join(html, 'index.html'));
  await page.screenshot({ path: join(html, 'first-screen.png') });

  const onScreen = (selector: string) =>
    page.$$eval(selector, (elements, height) => elements.map((e) => ({ text: (e as HTMLElement).innerText, inView: e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= height })), SCREEN.height);
  const [verdict] = await onScreen('.kfbdd-verdict');
  assert.match(verdict.text, /1 of 2 scenarios did not pass \(1 failed, 1 passed\)/);
  const failed = await onScreen('.kfbdd-failed li');
  assert.equal(failed.length, 1, JSON.stringify(failed));
  assert.ok(failed[0].inView, 'the failed scenario is on the first screen');
  assert.ok(failed[0].text.includes(FAILING), failed[0].text);
  assert.match(failed[0].text, REASON);

  // Every row of the Run box is on the first screen, its whole value shown: wrapped, not cut off.
  const metadata = JSON.parse(readFileSync(join(run.reports, 'run-metadata.json'), 'utf8')) as Record<string, string>;
  const rows = await page.$$eval('table.kfbdd-run tr', (trs, height) =>
    trs.map((tr) => {
      const cell = tr.querySelector('td') as HTMLElement;
      const box = tr.getBoundingClientRect();
      return { label: (tr.querySelector('th') as HTMLElement).innerText, value: cell.innerText, clipped: cell.scrollWidth > cell.clientWidth || cell.scrollHeight > cell.clientHeight, inView: box.top >= 0 && box.bottom <= height };
    }), SCREEN.height);
  for (const [label, value] of Object.entries(metadata)) {
    const row = rows.find((r) => r.label === label);
    assert.ok(row, `the Run box has ${label}`);
    assert.equal(row.value, value);
    assert.ok(row.inView && !row.clipped, `${label} is on the first screen and not clipped: ${JSON.stringify(row)}`);
  }
  assert.ok(rows.some((r) => r.label === 'Duration' && r.inView), 'the duration is on the first screen');
  assert.equal(await page.getAttribute('a:text("Trend across runs")', 'href'), 'trend.html');
  assert.equal(await page.$$eval('.created-by', (e) => e.length), 0, "the reporter's own footer is gone");
  assert.match(await page.innerText('.kfbdd-footer'), new RegExp(`kubeflow-bdd .* for run ${run.runId}`));

  // The link opens the feature page at the scenario, open, with its error and the hooks' time.
  const href = await page.getAttribute('.kfbdd-failed li a', 'href');
  const feature = await openPage(join(html, href as string));
  const scenario = feature.page.locator(`#${(href as string).split('#')[1]}`);
  assert.ok(await scenario.locator('.x_content').isVisible(), 'the failed scenario is open');
  const error = scenario.locator('pre.info').first();
  assert.match(await error.innerText(), REASON);
  assert.ok(await error.evaluate((pre) => pre.scrollWidth <= pre.clientWidth), 'the error wraps');
  assert.match(await scenario.innerText(), /After \(delete what the scenario made\)/);
  await feature.page.screenshot({ path: join(html, 'failed-scenario.png') });
  assert.deepEqual([...errors, ...feature.errors], [], 'no script errors');
});
