import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { CUCUMBER_JSON, HTML_DIR, MESSAGES_NDJSON, REPORTS_DIR } from './paths';
import { join } from 'node:path';
import { escapeMarkup as escapeXml } from './escape';

/** A JUnit error of the whole suite, not of one testcase: what CI test views show of a run that went wrong outside its scenarios. */
export const junitError = (reason: string): string => `<error message="${escapeXml(reason)}"/>`;

/** The HTML page's heading of a run that did not start. */
export const NOT_STARTED = 'The run did not start';

/**
 * When the run stops before cucumber writes anything (a bad setting, a tag expression
 * that does not parse), or runs no scenario because none was selected, every report
 * still exists and says why, so a nightly job's report link never leads nowhere.
 */
export function writeNotStartedReports(reason: string, headline = NOT_STARTED): void {
  mkdirSync(REPORTS_DIR, { recursive: true });
  if (!existsSync(CUCUMBER_JSON)) writeFileSync(CUCUMBER_JSON, '[]\n');
  if (!existsSync(MESSAGES_NDJSON)) writeFileSync(MESSAGES_NDJSON, '');
  rmSync(HTML_DIR, { recursive: true, force: true });
  mkdirSync(HTML_DIR, { recursive: true });
  writeFileSync(
    join(REPORTS_DIR, 'junit.xml'),
    `<?xml version="1.0"?>\n<testsuite name="kubeflow-bdd" tests="0" failures="0" errors="1">\n  ${junitError(reason)}\n</testsuite>\n`,
  );
  writeFileSync(
    join(HTML_DIR, 'index.html'),
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>kubeflow-bdd report</title></head>\n` +
      `<body><h1>Kubeflow validation: ${escapeXml(headline)}</h1>\n<pre>${escapeXml(reason)}</pre></body></html>\n`,
  );
}
