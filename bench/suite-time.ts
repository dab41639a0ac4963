// Suite time (issue 9, item 4): the feature suite serially and with --parallel, each
// run against the cluster's own critical path, and the harness's overhead per scenario.
import { WORKLOAD_TIME } from '../support/report/history';
import { parseRunMessages, type Attempt } from '../support/report/messages';
import type { Figure } from './results';
import { runPassingFeatures } from './run-features';

/**
 * The cluster's time for one attempt: the longest of the workload times it recorded
 * (the cluster time of what it made, a job's time to Succeeded, a rollout); zero for
 * one that made nothing, which the cluster spends no time on.
 */
function clusterMs(attempt: Attempt): number {
  const times = attempt.attachments
    .filter((attachment) => attachment.fileName === WORKLOAD_TIME)
    .map((attachment) => (JSON.parse(attachment.body) as { seconds: number }).seconds * 1000);
  return Math.max(0, ...times);
}

const isUpgrade = (attempt: Attempt): boolean => attempt.pickle.tags.some((tag) => tag.name === '@upgrade');

/**
 * The critical path at `parallel` workers: the attempts handed out in the run's order
 * to whichever worker is free first, as cucumber does, each taking only its cluster
 * time; then the upgrade scenarios one by one, as they run alone.
 */
export function criticalPathMs(attempts: Attempt[], parallel: number): number {
  const workers = new Array<number>(parallel).fill(0);
  for (const attempt of attempts.filter((a) => !isUpgrade(a))) {
    const free = workers.indexOf(Math.min(...workers));
    workers[free] += clusterMs(attempt);
  }
  const upgrades = attempts.filter(isUpgrade).reduce((sum, attempt) => sum + clusterMs(attempt), 0);
  return Math.max(...workers) + upgrades;
}

const hookMs = (attempt: Attempt, name: RegExp): number =>
  attempt.steps.filter((step) => step.hook && name.test(step.hook)).reduce((sum, step) => sum + step.seconds * 1000, 0);

/** Where a serial run's time went, per scenario: everything but the cluster's time is the harness's. */
function overheadFigure(attempts: Attempt[], wallMs: number): Figure {
  const n = attempts.length;
  const mean = (ms: (a: Attempt) => number) => attempts.reduce((sum, a) => sum + ms(a), 0) / n;
  const inScenarios = mean((a) => a.finished - a.started);
  const perRun = (wallMs - inScenarios * n) / n;
  // By the names support/hooks.ts gives its hooks.
  const setup = mean((a) => hookMs(a, /^set up/));
  const cleanup = mean((a) => hookMs(a, /^delete|^record the cluster time/));
  const evidence = mean((a) => hookMs(a, /evidence/i));
  const steps = mean((a) => a.steps.filter((s) => s.gherkin).reduce((sum, s) => sum + s.seconds * 1000, 0) - clusterMs(a));
  const overhead = (wallMs - attempts.reduce((sum, a) => sum + clusterMs(a), 0)) / n;
  const ms = (value: number) => `${Math.round(value)} ms`;
  return {
    measure: 'harness overhead per scenario, serially (mean)',
    tool: 'kubeflow-bdd',
    samples: n,
    p50: overhead,
    unit: 'ms',
    note: `namespace setup ${ms(setup)}, cleanup ${ms(cleanup)}, evidence ${ms(evidence)}, steps beyond the cluster's time ${ms(steps)}, start-up and reports ${ms(perRun)} a scenario`,
  };
}

/** Runs the selected scenarios once per degree of parallelism (1 is serial); every run must pass. */
export async function measureSuiteTime(env: NodeJS.ProcessEnv, parallels: number[], tags?: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const parallel of parallels) {
    const args = [...(tags ? ['--tags', tags] : []), ...(parallel > 1 ? ['--parallel', String(parallel)] : [])];
    console.log(`bench: the suite${tags ? ` (${tags})` : ''} ${parallel > 1 ? `at --parallel ${parallel}` : 'serially'}`);
    const run = await runPassingFeatures(args, env);
    const wallMs = run.endedAt - run.startedAt;
    const attempts = parseRunMessages(run.ndjson).attempts;
    const pathMs = criticalPathMs(attempts, parallel);
    figures.push({
      measure: `suite wall time against the critical path, ${parallel > 1 ? `--parallel ${parallel}` : 'serially'}`,
      tool: 'kubeflow-bdd',
      samples: attempts.length,
      p50: wallMs / pathMs,
      unit: 'x',
      note: `${Math.round(wallMs / 1000)} s against ${Math.round(pathMs / 1000)} s`,
    });
    if (parallel === 1) figures.push(overheadFigure(attempts, wallMs));
  }
  return figures;
}
