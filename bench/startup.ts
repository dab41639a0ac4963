import { percentile, type Figure } from './results';
import { runPassingFeatures } from './run-features';

interface Timestamp {
  seconds: number;
  nanos: number;
}

function firstStepAt(ndjson: string): number {
  const line = ndjson.split('\n').find((l) => l.startsWith('{"testStepStarted"'));
  if (!line) throw new Error('The run reported no step.');
  const { seconds, nanos } = (JSON.parse(line) as { testStepStarted: { timestamp: Timestamp } }).testStepStarted.timestamp;
  return seconds * 1000 + nanos / 1e6;
}

/**
 * Start-up (issue 9, item 5): from the process's start to its first step (a dry
 * run of one feature, so nothing waits on the cluster), and to the end of a run of
 * zero scenarios (start-up, the leftover sweep, reports and all).
 */
export async function measureStartup(env: NodeJS.ProcessEnv, runs: number): Promise<Figure[]> {
  const toFirstStep: number[] = [];
  const zeroRun: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dry = await runPassingFeatures(['--dry-run', '--tags', '@pytorchjob'], env);
    toFirstStep.push(firstStepAt(dry.ndjson) - dry.startedAt);
    // An empty run on purpose: without --allow-empty the runner fails a run that selects nothing.
    const zero = await runPassingFeatures(['--allow-empty', '--tags', '@bench-selects-no-scenario'], env);
    zeroRun.push(zero.endedAt - zero.startedAt);
  }
  const figure = (measure: string, samples: number[]): Figure => ({
    measure,
    tool: 'kubeflow-bdd',
    samples: samples.length,
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    unit: 'ms',
  });
  return [figure('start-up to the first step', toFirstStep), figure('a run of zero scenarios', zeroRun)];
}
