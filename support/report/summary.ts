import { attemptStatus, readRunMessages, severity } from './messages';
import { verdictOf } from './verdict';

/** Counts by status, e.g. { passed: 8, failed: 1 }. */
export type Counts = Record<string, number>;

/** The file name of the attachment that says why a scenario was skipped. */
export const SKIP_REASON = 'why skipped';

export interface Skip {
  scenario: string;
  reason: string;
}

export interface RunSummary {
  scenarios: Counts;
  /** Scenarios skipped as not for this platform, with the reason. */
  skipped: Skip[];
  /** Test-case attempts: a scenario retried under @flaky counts once per attempt. */
  tests: Counts;
  steps: Counts;
  /** Why the run failed outside any scenario, e.g. the cluster check in BeforeAll. */
  runError?: string;
}

const add = (counts: Counts, status: string): void => {
  const key = status.toLowerCase();
  counts[key] = (counts[key] ?? 0) + 1;
};

export function summarise(ndjsonFile: string): RunSummary {
  const summary: RunSummary = { scenarios: {}, skipped: [], tests: {}, steps: {} };
  const run = readRunMessages(ndjsonFile);
  if (!run) return { ...summary, runError: `no ${ndjsonFile}: cucumber did not start` };
  for (const attempt of run.attempts) {
    const status = attemptStatus(attempt);
    add(summary.tests, status);
    if (attempt.willBeRetried) continue;
    add(summary.scenarios, status);
    const skipReason = attempt.attachments.find((attachment) => attachment.fileName === SKIP_REASON)?.body;
    if (skipReason) summary.skipped.push({ scenario: `${attempt.pickle.name} (${attempt.pickle.uri})`, reason: skipReason });
    for (const step of attempt.steps.filter((s) => s.gherkin)) add(summary.steps, step.status);
  }
  if (run.runError) summary.runError = run.runError;
  return summary;
}

function line(label: string, counts: Counts): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(counts)
    .sort(([a], [b]) => severity(b) - severity(a))
    .map(([status, count]) => `${count} ${status}`);
  return `${label.padEnd(10)} ${total}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** The counts, then the verdict in a sentence: a run of skipped scenarios reads as one that checked nothing, never as a pass. */
export function formatSummary(summary: RunSummary): string {
  const counts = [line('Scenarios', summary.scenarios), line('Tests', summary.tests), line('Steps', summary.steps), `${verdictOf(summary).headline}.`].join('\n');
  if (summary.skipped.length === 0) return counts;
  const skips = summary.skipped.map((skip) => `  ${skip.scenario}: ${skip.reason}`);
  return `${counts}\n\nSkipped, as not for this platform:\n${skips.join('\n')}`;
}
