import { formatDuration } from '../wait/duration';
import type { RunRecord, ScenarioRecord } from './history';

/** How many runs a scenario's row shows. */
export const TREND_RUNS = 14;
/** A duration grew when it is this many times the median of the runs before, and at least SLOWER_BY_SECONDS longer. */
const SLOWER_FACTOR = 1.5;
/** Below this, a scenario's time is mostly the cluster's noise. */
const SLOWER_BY_SECONDS = 5;
/** Earlier runs a median needs before a slowdown is called one. */
const SLOWER_AFTER_RUNS = 2;

export interface ScenarioTrend {
  key: string;
  name: string;
  uri: string;
  /** Its record in each of the last runs, oldest first; undefined where it did not run. */
  results: (ScenarioRecord | undefined)[];
}

export interface Slowdown {
  key: string;
  name: string;
  /** What grew: a workload time ('time to Succeeded') or the scenario's own time. */
  measure: string;
  seconds: number;
  median: number;
}

export interface Flaky {
  key: string;
  name: string;
  why: string;
}

export interface PlatformChange {
  runId: string;
  started: string;
  changes: { row: string; before?: string; after?: string }[];
}

export interface Trend {
  runs: RunRecord[];
  scenarios: ScenarioTrend[];
  newFailures: ScenarioRecord[];
  fixed: ScenarioRecord[];
  flaky: Flaky[];
  slower: Slowdown[];
  /** Runs whose platform differs from the run before: an upgrade shows as the reason for a change. */
  platformChanges: PlatformChange[];
}

const failedStatus = (record: ScenarioRecord | undefined): boolean => record !== undefined && record.status !== 'passed' && record.status !== 'skipped';
const passed = (record: ScenarioRecord | undefined): boolean => record?.status === 'passed';
/** A result that says something about the scenario: a skip checked nothing, so it is neither a pass nor a failure. */
const checked = (record: ScenarioRecord | undefined): record is ScenarioRecord => record !== undefined && record.status !== 'skipped';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The figures that say how long a scenario's work took: its workload's times where it has some, else its own time. */
export function measures(record: ScenarioRecord): Record<string, number> {
  return Object.keys(record.workload).length > 0 ? record.workload : { 'scenario time': record.seconds };
}

function flakiness(trend: ScenarioTrend): string | undefined {
  const ran = trend.results.filter(checked);
  const retried = ran.filter((r) => passed(r) && r.attempts.length > 1).length;
  if (retried > 0) return `passed only on a retry in ${retried} of the last ${ran.length} runs that checked it`;
  const flips = ran.slice(1).filter((r, i) => passed(r) !== passed(ran[i])).length;
  // Two changes are a failure and its fix; a third makes it a pattern.
  return flips >= 3 ? `changed between passed and failed ${flips} times in the last ${ran.length} runs that checked it` : undefined;
}

function slowdowns(trend: ScenarioTrend): Slowdown[] {
  const [latest, ...earlier] = [...trend.results].reverse();
  if (!passed(latest)) return [];
  return Object.entries(measures(latest as ScenarioRecord)).flatMap(([measure, seconds]) => {
    const before = earlier.filter(passed).map((r) => measures(r as ScenarioRecord)[measure]).filter((s): s is number => s !== undefined);
    if (before.length < SLOWER_AFTER_RUNS) return [];
    const typical = median(before);
    return seconds >= typical * SLOWER_FACTOR && seconds - typical >= SLOWER_BY_SECONDS ? [{ key: trend.key, name: trend.name, measure, seconds, median: typical }] : [];
  });
}

function platformChanges(runs: RunRecord[]): PlatformChange[] {
  return runs.slice(1).flatMap((run, i) => {
    const before = runs[i].platform;
    const rows = [...new Set([...Object.keys(before), ...Object.keys(run.platform)])];
    const changes = rows.filter((row) => before[row] !== run.platform[row]).map((row) => ({ row, before: before[row], after: run.platform[row] }));
    return changes.length > 0 ? [{ runId: run.runId, started: run.started, changes }] : [];
  });
}

/**
 * What changed across the runs of a history (oldest first), up to this run: another run
 * on the same history may have finished after it.
 */
export function analyseTrend(history: RunRecord[], runId?: string): Trend {
  const at = history.findIndex((run) => run.runId === runId);
  const runs = (at >= 0 ? history.slice(0, at + 1) : history).slice(-TREND_RUNS);
  const keys = new Map<string, ScenarioRecord>();
  for (const run of runs) for (const scenario of run.scenarios) keys.set(scenario.key, scenario);
  const scenarios = [...keys.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map(({ key, name, uri }) => ({ key, name, uri, results: runs.map((run) => run.scenarios.find((s) => s.key === key)) }));
  // Each scenario's latest result against its last one before that checked it: a run that skipped it, or left it out, changes nothing.
  const changes = scenarios.flatMap(({ results }) => {
    const latest = results.at(-1);
    return latest ? [{ latest, before: results.slice(0, -1).filter(checked).at(-1) }] : [];
  });
  return {
    runs,
    scenarios,
    newFailures: changes.filter(({ latest, before }) => failedStatus(latest) && passed(before)).map(({ latest }) => latest),
    fixed: changes.filter(({ latest, before }) => passed(latest) && failedStatus(before)).map(({ latest }) => latest),
    flaky: scenarios.flatMap((s) => {
      const why = flakiness(s);
      return why ? [{ key: s.key, name: s.name, why }] : [];
    }),
    slower: scenarios.flatMap(slowdowns),
    platformChanges: platformChanges(runs),
  };
}

const names = (list: { name: string }[]): string => (list.length === 0 ? 'none' : `${list.length}: ${list.map((s) => s.name).join('; ')}`);

/** The trend in five lines, for the console. */
export function formatTrend(trend: Trend, historyDir: string): string {
  const slower = trend.slower.map((s) => `${s.name} (${s.measure} ${formatDuration(s.seconds * 1000)}, median ${formatDuration(s.median * 1000)})`);
  const change = trend.platformChanges.at(-1);
  const latestChanged = change && change.runId === trend.runs.at(-1)?.runId;
  const platform = latestChanged ? `changed since the last run: ${change.changes.map((c) => `${c.row} ${c.before ?? 'none'} → ${c.after ?? 'none'}`).join('; ')}` : 'unchanged since the last run';
  return [
    `Trend over the last ${trend.runs.length} run(s) (${historyDir}):`,
    `  new failures  ${names(trend.newFailures)}`,
    `  fixed         ${names(trend.fixed)}`,
    `  flaky         ${trend.flaky.length === 0 ? 'none' : `${trend.flaky.length}: ${trend.flaky.map((f) => `${f.name} (${f.why})`).join('; ')}`}`,
    `  slower        ${slower.length === 0 ? 'none' : `${slower.length}: ${slower.join('; ')}`}`,
    `  platform      ${trend.runs.length < 2 ? 'no earlier run to compare with' : platform}`,
  ].join('\n');
}
