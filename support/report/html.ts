import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'multiple-cucumber-html-reporter';
import { formatDuration } from '../wait/duration';
import { failedScenarios, showHooks, type JsonFeature } from './cucumber-json';
import { escapeMarkup } from './escape';
import { renderFirstScreen, type FirstScreen } from './first-screen';
import { hookNamesByScenario } from './hook-names';
import { CUCUMBER_JSON, HTML_DIR, MESSAGES_NDJSON } from './paths';
import { readRunMetadata } from './run-metadata';
import type { RunSummary } from './summary';

export interface HtmlRun {
  started: Date;
  finished: Date;
  summary: RunSummary;
  /** Links for the top of the dashboard, relative to the HTML folder. */
  links?: FirstScreen['links'];
}

const ASSETS = join(__dirname, 'assets');
const VERSION = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
/** Where the reporter's dashboard template opens its content: the first screen goes first in it. */
const DASHBOARD_START = '<div class="main_container">';

function runRows(run: HtmlRun): FirstScreen['run'] {
  const found = readRunMetadata() ?? { Cluster: 'not reached: see the console for why' };
  return [
    ...Object.entries(found).map(([label, value]) => ({ label, value })),
    { label: 'Started', value: run.started.toISOString() },
    { label: 'Duration', value: formatDuration(run.finished.getTime() - run.started.getTime()) },
  ];
}

function footer(run: HtmlRun, runId: string): string {
  return `<footer class="kfbdd-footer">Written by kubeflow-bdd ${escapeMarkup(VERSION)} for run ${escapeMarkup(runId)}, ${escapeMarkup(run.finished.toISOString())}. Beside this folder: cucumber.json, cucumber.ndjson, junit.xml.</footer>`;
}

function insertInto(file: string, marker: string, html: string, after: boolean): void {
  const page = readFileSync(file, 'utf8');
  const at = page.indexOf(marker);
  // The reporter's templates are pinned (~3.10); a new one without the marker must not lose the first screen unnoticed.
  if (at < 0) throw new Error(`The HTML report's page ${file} has no ${marker}: multiple-cucumber-html-reporter changed its template`);
  const cut = after ? at + marker.length : at;
  writeFileSync(file, page.slice(0, cut) + html + page.slice(cut));
}

/**
 * Writes reports/html/index.html from cucumber.json with multiple-cucumber-html-reporter,
 * then puts the failed scenarios, their reasons and the whole Run box first on the
 * dashboard, and opens the failed scenarios on their feature pages.
 */
export function writeHtmlReport(run: HtmlRun): string | undefined {
  if (!existsSync(CUCUMBER_JSON)) return undefined;
  const features = JSON.parse(readFileSync(CUCUMBER_JSON, 'utf8')) as JsonFeature[];
  if (existsSync(MESSAGES_NDJSON)) showHooks(features, hookNamesByScenario(MESSAGES_NDJSON));
  const metadata = runRows(run);
  const runId = metadata.find((row) => row.label === 'Run id')?.value ?? process.env.KUBEFLOW_BDD_RUN_ID ?? '?';
  // The reporter reads every .json under the folder it is given: it gets one holding only this run's.
  const input = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-report-'));
  try {
    writeFileSync(join(input, 'cucumber.json'), JSON.stringify(features));
    generate({
      jsonDir: input,
      reportPath: HTML_DIR,
      reportName: 'Kubeflow validation',
      pageTitle: 'kubeflow-bdd report',
      displayDuration: true,
      durationAggregation: 'wallClock',
      hideMetadata: true,
      disableLog: true,
      // Feature pages named after the feature, so the first screen can link to them.
      staticFilePath: true,
      customStyle: join(ASSETS, 'report.css'),
      pageFooter: footer(run, runId),
    });
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
  const index = join(HTML_DIR, 'index.html');
  const firstScreen = renderFirstScreen({ summary: run.summary, failed: failedScenarios(features), run: metadata, links: run.links ?? [] });
  insertInto(index, DASHBOARD_START, firstScreen, true);
  const openFailures = `<script>${readFileSync(join(ASSETS, 'open-failures.js'), 'utf8')}</script>`;
  const pages = join(HTML_DIR, 'features');
  for (const page of existsSync(pages) ? readdirSync(pages) : []) insertInto(join(pages, page), '</body>', openFailures, false);
  return index;
}
