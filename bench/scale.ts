// Scale (issue 9, item 7): hundreds of scenarios at once, their pods on the sandbox's
// simulated KWOK nodes, so that the harness is what is measured: every scenario must
// pass; the harness's requests to the API server and its memory, all its processes'.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clients } from '../support/cluster/client';
import { parseRunMessages, attemptStatus } from '../support/report/messages';
import { CountingProxy } from './counting-proxy';
import { watchTreeMemory } from './process-memory';
import type { Figure } from './results';
import { runFeatures } from './run-features';

/** One scenario per example: a PyTorchJob of one or two workers on KWOK nodes, awaited to Succeeded. */
function scaleFeature(scenarios: number): string {
  const rows = Array.from({ length: scenarios }, (_, index) => `      | ${index + 1} | ${(index % 2) + 1} |`);
  return [
    '@pytorchjob',
    'Feature: The harness at scale',
    '  Scenario Outline: PyTorchJob <n> on simulated nodes',
    '    Given the cluster serves PyTorchJobs',
    '    When I create the PyTorchJob from "../bench/scale/pytorchjob-on-kwok.yaml" with <workers> workers',
    '    Then the PyTorchJob has 1 Master pod',
    '    And the PyTorchJob has <workers> Worker pods',
    '    And the PyTorchJob succeeds',
    '    And every Worker replica of the PyTorchJob succeeded',
    '',
    '    Examples:',
    '      | n | workers |',
    ...rows,
    '',
  ].join('\n');
}

export async function measureScale(clients: Clients, env: NodeJS.ProcessEnv, scenarios: number, parallel: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-scale-'));
  const proxy = new CountingProxy(clients.kubeConfig);
  let memory: { stop: () => number } | undefined;
  try {
    const feature = join(dir, 'scale.feature');
    writeFileSync(feature, scaleFeature(scenarios));
    await proxy.start();
    const runEnv = {
      ...env,
      // Every request of the harness goes through the proxy, which counts them.
      KUBECONFIG: proxy.writeKubeconfig(dir, 'harness'),
      // Plain namespaces: the profile controller makes one profile in about 3 s, which would be what this measures.
      KUBEFLOW_BDD_PROFILE_NAMESPACES: 'false',
    };
    const run = await runFeatures([feature, '--parallel', String(parallel)], runEnv, (pid) => (memory = watchTreeMemory(pid)));
    const peakMb = memory?.stop() ?? Number.NaN;
    const attempts = parseRunMessages(run.ndjson).attempts;
    const passed = attempts.filter((attempt) => attemptStatus(attempt) === 'PASSED').length;
    const seconds = (run.endedAt - run.startedAt) / 1000;
    const what = `${scenarios} scenarios at --parallel ${parallel} on KWOK nodes`;
    return [
      { measure: `${what}: passed`, tool: 'kubeflow-bdd', samples: scenarios, p50: passed, unit: 'scenarios', goal: `all ${scenarios}`, met: passed === scenarios && run.code === 0, note: `${Math.round(seconds)} s in all` },
      { measure: `${what}: peak memory of all its processes`, tool: 'kubeflow-bdd', samples: 1, p50: peakMb, unit: 'MB', goal: '<= 1 GB', met: peakMb <= 1024 },
      { measure: `${what}: API requests`, tool: 'kubeflow-bdd', samples: 1, p50: proxy.total / seconds, unit: 'requests/s', note: `${proxy.total} in all, ${Math.round(proxy.total / scenarios)} a scenario: ${Object.entries(proxy.counts).map(([verb, n]) => `${n} ${verb}`).join(', ')}` },
    ];
  } finally {
    memory?.stop();
    proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
