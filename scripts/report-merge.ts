// npm run report:merge -- <report folders of the shards>: one report of a sharded run
// (npm run features -- --shard i/N, or the in-cluster Indexed Job), written to
// KUBEFLOW_BDD_REPORTS (default reports/) as if one run had made it: cucumber JSON,
// NDJSON, JUnit, the HTML report, and the run added to the history for the Trend page.
// Exit codes: 0 every scenario passed (some may be skipped); 1 a scenario did not pass,
// ran in two shards, or a shard of the set is missing; 2 the folders cannot be merged,
// or no shard selected a scenario; 3 every scenario was skipped.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readConfig } from '../support/config';
import type { JsonFeature } from '../support/report/cucumber-json';
import { writeHtmlReport } from '../support/report/html';
import { checkShardFolders, mergeCucumberJson, mergeJunit, mergeMetadata, readJson, scenariosRunTwice } from '../support/report/merge';
import { readRunMessages } from '../support/report/messages';
import { writeNotStartedReports } from '../support/report/not-started';
import { CUCUMBER_JSON, HTML_DIR, MESSAGES_NDJSON, METADATA_FILE, REPORTS_DIR } from '../support/report/paths';
import { formatSummary, summarise } from '../support/report/summary';
import { TREND_PAGE, writeTrend } from '../support/report/trend-files';
import { NOTHING_CHECKED_EXIT_CODE, verdictOf } from '../support/report/verdict';
import { SELECTED_NOTHING, tagsInUse } from './selection';
import { checkShardSet, readShard } from './shard';

function main(): number {
  const given = process.argv.slice(2).map((dir) => resolve(dir));
  checkShardFolders(given);
  if (given.includes(REPORTS_DIR)) throw new Error(`${REPORTS_DIR} is both a shard's folder and where the merged report goes. Fix: set KUBEFLOW_BDD_REPORTS to another folder.`);
  const folders = given.map((dir) => {
    const metadata = readJson<Record<string, string>>(join(dir, 'run-metadata.json'));
    return { dir, metadata, shard: readShard(metadata.Shard) };
  });
  const { ordered, missing } = checkShardSet(folders);
  const dirs = ordered.map((folder) => folder.dir);
  const config = readConfig();
  mkdirSync(REPORTS_DIR, { recursive: true });
  rmSync(HTML_DIR, { recursive: true, force: true });

  const shards = dirs.map((dir) => readJson<JsonFeature[]>(join(dir, 'cucumber.json')));
  writeFileSync(CUCUMBER_JSON, JSON.stringify(mergeCucumberJson(shards), null, 2));
  writeFileSync(MESSAGES_NDJSON, dirs.map((dir) => readFileSync(join(dir, 'cucumber.ndjson'), 'utf8')).join(''));
  writeFileSync(join(REPORTS_DIR, 'junit.xml'), mergeJunit(dirs.map((dir) => readFileSync(join(dir, 'junit.xml'), 'utf8')), missing));
  const metadata = mergeMetadata(ordered.map((folder) => folder.metadata));
  writeFileSync(METADATA_FILE, JSON.stringify(metadata, null, 2));

  const merged = readRunMessages(MESSAGES_NDJSON);
  if (merged?.selected === 0) {
    // Every shard loads the same scenarios: the first one's say what there was to select.
    const loaded = merged.pickles.filter((pickle) => pickle.stream === 0);
    const reason =
      `None of the ${dirs.length} shards (${metadata.Shards}) selected a scenario of the ${loaded.length} they loaded.\n` +
      `Fix: give the shards --tags, --name and paths that select scenarios; these have the tags ${tagsInUse(loaded).join(', ')}.`;
    writeNotStartedReports(reason, SELECTED_NOTHING);
    console.error(`${SELECTED_NOTHING}:\n  ${reason.split('\n').join('\n  ')}\n\nReports: ${REPORTS_DIR}`);
    return 2;
  }
  // The run took from the first shard's start to the last one's end.
  const times = dirs.map((dir) => readRunMessages(join(dir, 'cucumber.ndjson')));
  const started = new Date(Math.min(...times.map((t) => t?.runStarted ?? Infinity)));
  const finished = new Date(Math.max(...times.map((t) => t?.runFinished ?? 0)));
  const summary = summarise(MESSAGES_NDJSON);
  const incomplete = missing.length > 0 ? `The set of shards is not complete: ${missing.join(', ')}. Its scenarios are not in this report.` : undefined;
  if (incomplete) summary.runError = summary.runError ? `${summary.runError}\n\n${incomplete}` : incomplete;
  const trend = writeTrend(config.history, { runId: metadata['Run id'], started, finished });
  const html = writeHtmlReport({ started, finished, summary, links: trend ? [{ label: 'Trend across runs', href: TREND_PAGE }] : [] });

  console.log(`Merged ${dirs.length} shards (${metadata.Shards}) into ${REPORTS_DIR}\n\n${formatSummary(summary)}`);
  if (trend) console.log(`\n${trend}`);
  const twice = scenariosRunTwice(shards);
  if (twice.length > 0) console.error(`\nThese scenarios ran in more than one shard; each shard must run its own share:\n  ${twice.join('\n  ')}`);
  if (incomplete) console.error(`\n${incomplete} Fix: give the folder of every shard of the run, or run the missing ones (npm run features -- --shard <index>/<total>).`);
  console.log(`\nReports: ${REPORTS_DIR}/{cucumber.json,cucumber.ndjson,junit.xml}\nHTML:    ${html}`);
  const { outcome } = verdictOf(summary);
  if (outcome === 'failed' || twice.length > 0) return 1;
  return outcome === 'skipped' ? NOTHING_CHECKED_EXIT_CODE : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
