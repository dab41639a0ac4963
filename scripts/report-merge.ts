// npm run report:merge -- <report folders of the shards>: one report of a sharded run
// (npm run features -- --shard i/N, or the in-cluster Indexed Job), written to
// KUBEFLOW_BDD_REPORTS (default reports/) as if one run had made it: cucumber JSON,
// NDJSON, JUnit, the HTML report, and the run added to the history for the Trend page.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readConfig } from '../support/config';
import type { JsonFeature } from '../support/report/cucumber-json';
import { writeHtmlReport } from '../support/report/html';
import { checkShardFolders, mergeCucumberJson, mergeJunit, mergeMetadata, readJson, scenariosRunTwice } from '../support/report/merge';
import { readRunMessages } from '../support/report/messages';
import { CUCUMBER_JSON, HTML_DIR, MESSAGES_NDJSON, METADATA_FILE, REPORTS_DIR } from '../support/report/paths';
import { formatSummary, summarise } from '../support/report/summary';
import { TREND_PAGE, writeTrend } from '../support/report/trend-files';

function main(): number {
  const dirs = process.argv.slice(2).map((dir) => resolve(dir));
  checkShardFolders(dirs);
  if (dirs.includes(REPORTS_DIR)) throw new Error(`${REPORTS_DIR} is both a shard's folder and where the merged report goes. Fix: set KUBEFLOW_BDD_REPORTS to another folder.`);
  const config = readConfig();
  mkdirSync(REPORTS_DIR, { recursive: true });
  rmSync(HTML_DIR, { recursive: true, force: true });

  const shards = dirs.map((dir) => readJson<JsonFeature[]>(join(dir, 'cucumber.json')));
  writeFileSync(CUCUMBER_JSON, JSON.stringify(mergeCucumberJson(shards), null, 2));
  writeFileSync(MESSAGES_NDJSON, dirs.map((dir) => readFileSync(join(dir, 'cucumber.ndjson'), 'utf8')).join(''));
  writeFileSync(join(REPORTS_DIR, 'junit.xml'), mergeJunit(dirs.map((dir) => readFileSync(join(dir, 'junit.xml'), 'utf8'))));
  const metadata = mergeMetadata(dirs.map((dir) => readJson<Record<string, string>>(join(dir, 'run-metadata.json'))));
  writeFileSync(METADATA_FILE, JSON.stringify(metadata, null, 2));

  // The run took from the first shard's start to the last one's end.
  const times = dirs.map((dir) => readRunMessages(join(dir, 'cucumber.ndjson')));
  const started = new Date(Math.min(...times.map((t) => t?.runStarted ?? Infinity)));
  const finished = new Date(Math.max(...times.map((t) => t?.runFinished ?? 0)));
  const summary = summarise(MESSAGES_NDJSON);
  const trend = writeTrend(config.history, { runId: metadata['Run id'], started, finished });
  const html = writeHtmlReport({ started, finished, summary, links: trend ? [{ label: 'Trend across runs', href: TREND_PAGE }] : [] });

  console.log(`Merged ${dirs.length} shards (${metadata.Shards}) into ${REPORTS_DIR}\n\n${formatSummary(summary)}`);
  if (trend) console.log(`\n${trend}`);
  const twice = scenariosRunTwice(shards);
  if (twice.length > 0) console.error(`\nThese scenarios ran in more than one shard; each shard must run its own share:\n  ${twice.join('\n  ')}`);
  console.log(`\nReports: ${REPORTS_DIR}/{cucumber.json,cucumber.ndjson,junit.xml}\nHTML:    ${html}`);
  const failed = Object.entries(summary.scenarios).some(([status, count]) => count > 0 && status !== 'passed' && status !== 'skipped');
  return failed || twice.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
