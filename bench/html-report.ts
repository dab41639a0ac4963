// The HTML report of a large run: a cucumber.json of N scenarios like the harness's
// (six steps each; one in ten failed, with the evidence a failure attaches: events,
// pods and a log, a few kilobytes each), rendered by a process of its own, so that
// its time and its peak memory are the report's alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from './results';

const ROOT = join(__dirname, '..');
const SCENARIOS_PER_FEATURE = 50;
const EVIDENCE = ['events in namespace', 'pods in namespace', 'log of pod'];

const evidence = (scenario: number, title: string): string =>
  Buffer.from(`${title} kfbdd-bench-${scenario}\n\n${`2026-11-29T00:00:00Z Warning FailedCreate pod/x-${scenario}: a line of evidence\n`.repeat(40)}`).toString('base64');

function step(keyword: string, name: string, status: string, scenario: number): object {
  const failed = status === 'failed';
  return {
    keyword,
    name,
    line: 1,
    match: { location: 'steps/bench.steps.ts:1' },
    result: { status, duration: 1_500_000_000, ...(failed ? { error_message: `Error: Stopped waiting for PyTorchJob job-${scenario} to reach Succeeded: the job Failed` } : {}) },
    ...(failed ? { embeddings: EVIDENCE.map((title) => ({ data: evidence(scenario, title), mime_type: 'text/plain', name: title })) } : {}),
  };
}

function scenario(index: number): object {
  const failed = index % 10 === 9;
  const statuses = ['passed', 'passed', 'passed', failed ? 'failed' : 'passed', failed ? 'skipped' : 'passed', failed ? 'skipped' : 'passed'];
  const names = ['the cluster serves PyTorchJobs', 'I create the PyTorchJob', 'the PyTorchJob has 1 Master pod', 'the PyTorchJob succeeds', 'every Worker replica succeeded', 'the log reports an accuracy'];
  return {
    id: `scenario-${index}`,
    keyword: 'Scenario',
    name: `Distributed training number ${index}`,
    type: 'scenario',
    line: index + 2,
    tags: [{ name: '@pytorchjob', line: 1 }],
    steps: names.map((name, i) => step(i === 0 ? 'Given ' : 'Then ', name, statuses[i], index)),
  };
}

/** A cucumber.json of `count` scenarios in features of fifty. */
export function syntheticRun(count: number): string {
  const features = [];
  for (let first = 0; first < count; first += SCENARIOS_PER_FEATURE) {
    const scenarios = Array.from({ length: Math.min(SCENARIOS_PER_FEATURE, count - first) }, (_, i) => scenario(first + i));
    features.push({ id: `feature-${first}`, keyword: 'Feature', name: `Feature ${first / SCENARIOS_PER_FEATURE}`, uri: `features/bench-${first}.feature`, line: 1, tags: [], elements: scenarios });
  }
  return JSON.stringify(features);
}

function renderReport(reports: string): Promise<{ milliseconds: number; peakMegabytes: number }> {
  const child = spawn(process.execPath, ['-r', './scripts/register-ts.js', join(ROOT, 'bench', 'html-report-child.ts')], {
    cwd: ROOT,
    env: { ...process.env, KUBEFLOW_BDD_REPORTS: reports },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output.trim().split('\n').pop() as string)) : reject(new Error(`rendering the HTML report exited ${code}`))));
  });
}

export async function measureHtmlReport(counts: number[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const count of counts) {
    const reports = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-bench-report-'));
    try {
      writeFileSync(join(reports, 'cucumber.json'), syntheticRun(count));
      const { milliseconds, peakMegabytes } = await renderReport(reports);
      const measure = `HTML report of ${count} scenarios`;
      figures.push({ measure, tool: 'kubeflow-bdd, time', samples: 1, p50: milliseconds, unit: 'ms' });
      figures.push({ measure, tool: 'kubeflow-bdd, peak memory', samples: 1, p50: peakMegabytes, unit: 'MB' });
    } finally {
      rmSync(reports, { recursive: true, force: true });
    }
  }
  return figures;
}
