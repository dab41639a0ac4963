import { existsSync, readFileSync } from 'node:fs';

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

interface Envelope {
  pickle?: { id: string; name: string; uri: string };
  attachment?: { body: string; fileName?: string; testCaseStartedId?: string };
  testCase?: { id: string; pickleId: string; testSteps: { id: string; pickleStepId?: string }[] };
  testCaseStarted?: { id: string; testCaseId: string };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: { status: string } };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean };
  testRunFinished?: { success: boolean; message?: string; exception?: { message?: string } };
}

const SEVERITY = ['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'SKIPPED', 'UNKNOWN', 'PASSED'];
const worst = (statuses: string[]): string =>
  statuses.length === 0 ? 'PASSED' : statuses.reduce((a, b) => (SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b));

const add = (counts: Counts, status: string): void => {
  const key = status.toLowerCase();
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Counts from cucumber's message stream rather than its JSON: the stream is written
 * as the run goes, so an interrupted run still has counts, and it knows about retries.
 */
export function summarise(ndjsonFile: string): RunSummary {
  const summary: RunSummary = { scenarios: {}, skipped: [], tests: {}, steps: {} };
  if (!existsSync(ndjsonFile)) return { ...summary, runError: `no ${ndjsonFile}: cucumber did not start` };
  const testCases = new Map<string, NonNullable<Envelope['testCase']>>();
  const pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  const skipReasons = new Map<string, string>();
  const attempts = new Map<string, { testCaseId: string; statuses: Map<string, string> }>();
  for (const line of readFileSync(ndjsonFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as Envelope;
    if (message.pickle) pickles.set(message.pickle.id, message.pickle);
    if (message.testCase) testCases.set(message.testCase.id, message.testCase);
    const attachment = message.attachment;
    if (attachment?.fileName === SKIP_REASON && attachment.testCaseStartedId) skipReasons.set(attachment.testCaseStartedId, attachment.body);
    if (message.testCaseStarted) attempts.set(message.testCaseStarted.id, { testCaseId: message.testCaseStarted.testCaseId, statuses: new Map() });
    if (message.testStepFinished) {
      const { testCaseStartedId, testStepId, testStepResult } = message.testStepFinished;
      attempts.get(testCaseStartedId)?.statuses.set(testStepId, testStepResult.status);
    }
    if (message.testCaseFinished) {
      const attempt = attempts.get(message.testCaseFinished.testCaseStartedId);
      if (!attempt) continue;
      const testCase = testCases.get(attempt.testCaseId);
      const status = worst([...attempt.statuses.values()]);
      add(summary.tests, status);
      if (message.testCaseFinished.willBeRetried) continue;
      add(summary.scenarios, status);
      const skipReason = skipReasons.get(message.testCaseFinished.testCaseStartedId);
      const pickle = pickles.get(testCase?.pickleId ?? '');
      if (skipReason && pickle) summary.skipped.push({ scenario: `${pickle.name} (${pickle.uri})`, reason: skipReason });
      for (const step of testCase?.testSteps.filter((s) => s.pickleStepId) ?? []) add(summary.steps, attempt.statuses.get(step.id) ?? 'UNKNOWN');
    }
    const finished = message.testRunFinished;
    if (finished && !finished.success && (finished.exception?.message || finished.message)) {
      summary.runError = (finished.exception?.message ?? finished.message) as string;
    }
  }
  return summary;
}

function line(label: string, counts: Counts): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(counts)
    .sort(([a], [b]) => SEVERITY.indexOf(b.toUpperCase()) - SEVERITY.indexOf(a.toUpperCase()))
    .map(([status, count]) => `${count} ${status}`);
  return `${label.padEnd(10)} ${total}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export function formatSummary(summary: RunSummary): string {
  const counts = [line('Scenarios', summary.scenarios), line('Tests', summary.tests), line('Steps', summary.steps)].join('\n');
  if (summary.skipped.length === 0) return counts;
  const skips = summary.skipped.map((skip) => `  ${skip.scenario}: ${skip.reason}`);
  return `${counts}\n\nSkipped, as not for this platform:\n${skips.join('\n')}`;
}
