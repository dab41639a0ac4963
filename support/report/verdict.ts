import type { RunSummary } from './summary';

/**
 * What a run's scenarios add up to: failed (a scenario did not pass, or the run failed
 * outside them), passed (some passed, none failed; skipped ones are counted as such),
 * skipped (every scenario was skipped: nothing was checked) or empty (none ran).
 */
export type Outcome = 'failed' | 'passed' | 'skipped' | 'empty';

export interface Verdict {
  outcome: Outcome;
  /** One sentence that says what happened, for the console and the HTML report's first screen. */
  headline: string;
}

/**
 * The exit code of a run whose every selected scenario was skipped: not 0, as it checked
 * nothing, and not 1, as nothing failed. A dry run, a shard and an empty run allowed with
 * --allow-empty are not judged so.
 */
export const NOTHING_CHECKED_EXIT_CODE = 3;

export function verdictOf(summary: RunSummary): Verdict {
  const counts = Object.entries(summary.scenarios);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  const passed = summary.scenarios.passed ?? 0;
  const skipped = summary.scenarios.skipped ?? 0;
  const notPassed = total - passed - skipped;
  if (notPassed > 0) return { outcome: 'failed', headline: `${notPassed} of ${total} scenarios did not pass` };
  if (summary.runError !== undefined) return { outcome: 'failed', headline: 'The run failed outside its scenarios' };
  if (total === 0) return { outcome: 'empty', headline: 'No scenario ran: nothing was checked' };
  if (passed === 0) return { outcome: 'skipped', headline: `Nothing was checked: all ${total} scenarios were skipped` };
  if (skipped > 0) return { outcome: 'passed', headline: `${passed} of ${total} scenarios passed, ${skipped} skipped` };
  return { outcome: 'passed', headline: `All ${total} scenarios passed` };
}
