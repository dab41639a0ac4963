import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'multiple-cucumber-html-reporter';
import { formatDuration } from '../wait/duration';
import { CUCUMBER_JSON, HTML_DIR, METADATA_FILE } from './paths';

export interface RunTimes {
  started: Date;
  finished: Date;
}

function fingerprintRows(): { label: string; value: string }[] {
  if (!existsSync(METADATA_FILE)) return [{ label: 'Cluster', value: 'not reached: see the console for why' }];
  const found = JSON.parse(readFileSync(METADATA_FILE, 'utf8')) as Record<string, string>;
  return Object.entries(found).map(([label, value]) => ({ label, value }));
}

/**
 * Writes reports/html/index.html from cucumber.json. The reporter reads every .json
 * under the folder it is given, so it gets a folder holding only this run's file.
 */
export function writeHtmlReport(times: RunTimes): string | undefined {
  if (!existsSync(CUCUMBER_JSON)) return undefined;
  const input = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-report-'));
  try {
    copyFileSync(CUCUMBER_JSON, join(input, 'cucumber.json'));
    generate({
      jsonDir: input,
      reportPath: HTML_DIR,
      reportName: 'Kubeflow validation',
      pageTitle: 'kubeflow-bdd report',
      displayDuration: true,
      durationAggregation: 'wallClock',
      hideMetadata: true,
      disableLog: true,
      customData: {
        title: 'Run',
        data: [
          ...fingerprintRows(),
          { label: 'Started', value: times.started.toISOString() },
          { label: 'Duration', value: formatDuration(times.finished.getTime() - times.started.getTime()) },
        ],
      },
    });
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
  return join(HTML_DIR, 'index.html');
}
