import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { History } from '../config';
import { attemptStatus, type Attempt, type RunMessages } from './messages';

/** The file name of the attachment that says how long a scenario's workload took. */
export const WORKLOAD_TIME = 'workload time';
/** The workload time every scenario that made objects records: the cluster's own time for them (support/cluster/cluster-time.ts). */
export const CLUSTER_TIME = 'cluster time';

export interface ScenarioRecord {
  /** The feature file and the scenario's name: lines move as files are edited, names rarely. */
  key: string;
  name: string;
  uri: string;
  /** The last attempt's status, lower case. */
  status: string;
  /** Every attempt's status, in order: more than one for a retried @flaky scenario. */
  attempts: string[];
  /** The last attempt's time with its setup and cleanup. */
  seconds: number;
  /** The workload's own times, e.g. { 'time to Succeeded': 41.2 }. */
  workload: Record<string, number>;
}

/** One run as the history keeps it: what ran, how it ended, against what platform. */
export interface RunRecord {
  runId: string;
  started: string;
  finished: string;
  /** The parts of the cluster's fingerprint that tell one platform from another. */
  platform: Record<string, string>;
  scenarios: ScenarioRecord[];
}

/** The fingerprint's rows that make a platform; the Helm release without its revision, which each upgrade raises. */
const PLATFORM_ROWS = ['Kubernetes server', 'Kubeflow training', 'Kubeflow CRDs', 'Kubeflow components'];

function platformOf(metadata: Record<string, string>): Record<string, string> {
  const platform = Object.fromEntries(PLATFORM_ROWS.filter((row) => metadata[row]).map((row) => [row, metadata[row]]));
  const chart = /\(([^)]+)\)\s*$/.exec(metadata['Helm release'] ?? '')?.[1];
  return chart ? { ...platform, 'Helm chart': chart } : platform;
}

function workloadOf(attempt: Attempt): Record<string, number> {
  const times = attempt.attachments.filter((attachment) => attachment.fileName === WORKLOAD_TIME);
  return Object.fromEntries(times.map((time) => JSON.parse(time.body) as { what: string; seconds: number }).map(({ what, seconds }) => [what, seconds]));
}

/**
 * Each scenario's key: its file and name, and where examples of an outline share a
 * name, their place among them, counted in the file's order within one stream (a
 * merged run repeats every scenario once per shard), so it is the same every run
 * however the scenarios were sharded.
 */
export function scenarioKeys(pickles: RunMessages['pickles']): Map<string, string> {
  const seen = new Map<string, number>();
  return new Map(
    pickles.map((pickle) => {
      const key = `${pickle.uri} › ${pickle.name}`;
      const count = (seen.get(`${pickle.stream} ${key}`) ?? 0) + 1;
      seen.set(`${pickle.stream} ${key}`, count);
      return [pickle.id, count === 1 ? key : `${key} (${count})`];
    }),
  );
}

export function runRecord(messages: RunMessages, metadata: Record<string, string>, run: { runId: string; started: Date; finished: Date }): RunRecord {
  const keys = scenarioKeys(messages.pickles);
  // A retried scenario's attempts share its pickle.
  const byScenario = new Map<string, Attempt[]>();
  for (const attempt of messages.attempts) {
    const key = keys.get(attempt.pickle.id) as string;
    byScenario.set(key, [...(byScenario.get(key) ?? []), attempt]);
  }
  const scenarios = [...byScenario].map(([key, attempts]) => {
    const last = attempts[attempts.length - 1];
    return {
      key,
      name: key.slice(last.pickle.uri.length + 3),
      uri: last.pickle.uri,
      status: attemptStatus(last).toLowerCase(),
      attempts: attempts.map((attempt) => attemptStatus(attempt).toLowerCase()),
      seconds: Math.round(last.finished - last.started) / 1000,
      workload: workloadOf(last),
    };
  });
  return { runId: run.runId, started: run.started.toISOString(), finished: run.finished.toISOString(), platform: platformOf(metadata), scenarios };
}

/** Adds a run to the history, then keeps only the newest `keep` runs. File names sort by start time. */
export function addToHistory(history: History, record: RunRecord): void {
  mkdirSync(history.dir, { recursive: true });
  writeFileSync(join(history.dir, `${record.started.replace(/[:.]/g, '-')}_${record.runId.replace(/[^\w.-]+/g, '_')}.json`), `${JSON.stringify(record, null, 1)}\n`);
  const runs = readdirSync(history.dir).filter((file) => file.endsWith('.json')).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - history.keep))) rmSync(join(history.dir, old));
}

const isScenarioRecord = (s: ScenarioRecord): boolean =>
  typeof s?.key === 'string' && typeof s.status === 'string' && Array.isArray(s.attempts) && typeof s.seconds === 'number' && typeof s.workload === 'object' && s.workload !== null;

/** What the trend reads of a record, checked: a file from elsewhere, or hand-edited, is left out rather than read wrong. */
function isRunRecord(record: RunRecord): boolean {
  return typeof record?.runId === 'string' && typeof record.started === 'string' && typeof record.platform === 'object' && Array.isArray(record.scenarios) && record.scenarios.every(isScenarioRecord);
}

/** The runs of a history, oldest first. A file that is not a run record is named, not fatal: the trend is a bonus. */
export function readHistory(dir: string, onProblem: (problem: string) => void): RunRecord[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.flatMap((file) => {
    try {
      const record = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RunRecord;
      if (!isRunRecord(record)) throw new Error('not a run record');
      return [record];
    } catch (error) {
      onProblem(`${join(dir, file)} was left out of the trend: ${(error as Error).message}`);
      return [];
    }
  });
}
