import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { History } from '../config';
import { addToHistory, readHistory, runRecord } from './history';
import { readRunMessages } from './messages';
import { HTML_DIR, MESSAGES_NDJSON } from './paths';
import { readRunMetadata } from './run-metadata';
import { analyseTrend, formatTrend } from './trend';
import { renderTrendPage } from './trend-page';

/** The Trend page, beside the dashboard that links to it. */
export const TREND_PAGE = 'trend.html';

/**
 * Adds this run to the history, writes the Trend page and returns the trend in a few
 * lines for the console; undefined when the run has no results to add.
 */
export function writeTrend(history: History, run: { runId: string; started: Date; finished: Date }): string | undefined {
  const messages = readRunMessages(MESSAGES_NDJSON);
  if (!messages || messages.attempts.length === 0) return undefined;
  // The run's own reports come first: a history that cannot be written (a full disk, no rights) is named, not fatal.
  try {
    addToHistory(history, runRecord(messages, readRunMetadata() ?? {}, run));
    const trend = analyseTrend(readHistory(history.dir, (problem) => console.error(problem)), run.runId);
    mkdirSync(HTML_DIR, { recursive: true });
    writeFileSync(join(HTML_DIR, TREND_PAGE), renderTrendPage(trend));
    return formatTrend(trend, history.dir);
  } catch (error) {
    console.error(`The run was not added to the history in ${history.dir}, and there is no Trend page: ${(error as Error).message}. Fix: make KUBEFLOW_BDD_HISTORY a folder this user may write.`);
    return undefined;
  }
}
