/// <reference lib="dom" />
// (Code in page.evaluate and its kin runs in the page, where the DOM is.)
// The Trend page of six nights' history, rendered in headless Chromium: each change is
// shown, the charts are drawn, no script fails. The screenshot is kept for a person.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analyseTrend } from '../../support/report/trend';
import { renderTrendPage } from '../../support/report/trend-page';
import { FIXED, FLAKY, NEW_FAILURE, SLOWER, trendHistory } from '../fixtures/trend-history';
import { closeBrowser, openPage } from './chromium';

after(closeBrowser);

const section = (page: Awaited<ReturnType<typeof openPage>>['page'], title: string) =>
  page.locator('section', { has: page.locator('h2', { hasText: title }) }).innerText();

test('the Trend page shows the new failure, the fix, the flaky scenario, the slowdown and the platform change, with a chart per scenario', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-trend-'));
  const file = join(dir, 'trend.html');
  writeFileSync(file, renderTrendPage(analyseTrend(trendHistory())));
  const { page, errors } = await openPage(file);
  await page.screenshot({ path: join(dir, 'trend.png'), fullPage: true });
  console.log(`# screenshot: ${join(dir, 'trend.png')}`);

  assert.match(await section(page, 'New failures since the last run'), new RegExp(NEW_FAILURE));
  assert.match(await section(page, 'Fixed since the last run'), new RegExp(FIXED));
  assert.match(await section(page, 'Flaky'), new RegExp(`${FLAKY}: passed only on a retry`));
  assert.match(await section(page, 'Slower than before'), new RegExp(`${SLOWER}: time to Succeeded 1m35s, against a median of 41s`));
  assert.match(await section(page, 'Runs and their platform'), /night-6[\s\S]*Kubeflow components: trainer v2\.2\.0 → trainer v2\.3\.0/);

  // One row per scenario, six squares each, and a drawn line for each that has a passed run.
  const rows = await page.$$eval('section:last-of-type tr:not(:first-child)', (trs) =>
    trs.map((tr) => ({ squares: tr.querySelectorAll('.sq').length, points: tr.querySelectorAll('svg.chart circle').length, drawn: (tr.querySelector('svg.chart polyline')?.getBoundingClientRect().width ?? 0) > 0 })),
  );
  assert.equal(rows.length, 5);
  assert.ok(rows.every((row) => row.squares === 6 && row.drawn && row.points >= 5), JSON.stringify(rows));
  assert.deepEqual(errors, [], 'no script errors');
});
