import { join } from 'node:path';
import type { V1Container, V1Deployment, V1Pod } from '@kubernetes/client-node';
import { expect } from 'chai';
import { KINDS } from '../cluster/kinds';
import { MANIFEST_DIR, readYamlDocuments } from '../cluster/manifest';
import { isReady, podSummary } from '../cluster/pods';
import { parseQuantity, sameQuantity } from '../cluster/quantity';
import { guardedByPods } from '../wait/guards';
import { impossible, met, waiting, type Verdict } from '../wait/verdict';
import type { KubeflowWorld } from '../world';
import { chartReference, runHelm } from './helm';
import { readRelease } from './helm-release';

/** Helm's standard label, which the installer chart puts on every Deployment and pod it makes. */
const INSTANCE_LABEL = 'app.kubernetes.io/instance';

export async function expectReleaseDeployed(world: KubeflowWorld): Promise<void> {
  const release = await readRelease(world.clients, world.config.installer);
  expect(release.status, `status of Helm release ${world.config.installer.release} (revision ${release.revision})`).to.equal('deployed');
  world.releaseRevisionBefore = release.revision;
}

export async function upgradeRelease(world: KubeflowWorld, valuesFile: string): Promise<void> {
  readYamlDocuments(valuesFile); // fails early, naming the line, when the values file is not YAML
  const { release, namespace, chart } = world.config.installer;
  const timeout = world.config.timeouts.helmUpgrade;
  try {
    await runHelm(
      ['upgrade', release, chartReference(chart), '--namespace', namespace, '--reuse-values', '--values', join(MANIFEST_DIR, valuesFile), '--wait', '--timeout', `${Math.ceil(timeout / 1000)}s`],
      timeout,
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\n${await podsNotReady(world)}\n` +
        `Fix: correct the values or the platform; \`helm rollback ${release} -n ${namespace}\` returns the release to its previous revision.`,
    );
  }
}

/** The pods of the platform's release, without those already on their way out. */
async function releasePods(world: KubeflowWorld): Promise<V1Pod[]> {
  const { release, namespace } = world.config.installer;
  const pods = await world.clients.core.listNamespacedPod({ namespace, labelSelector: `${INSTANCE_LABEL}=${release}` });
  return pods.items.filter((pod) => !pod.metadata?.deletionTimestamp);
}

/** Helm says only that it timed out; the release's pods say why (unschedulable, crashing, ...). */
async function podsNotReady(world: KubeflowWorld): Promise<string> {
  const { release } = world.config.installer;
  const notReady = (await releasePods(world)).filter((pod) => !isReady(pod));
  return notReady.length ? `Pods of release ${release} not ready: ${notReady.map(podSummary).join('; ')}` : `Every pod of release ${release} is ready.`;
}

export async function expectRevisionWentUp(world: KubeflowWorld): Promise<void> {
  const before = world.releaseRevisionBefore;
  if (before === undefined) throw new Error('The release revision before the upgrade is unknown. Fix: check that the release is deployed first.');
  const release = await readRelease(world.clients, world.config.installer);
  expect(release.revision, `revision of Helm release ${world.config.installer.release}`).to.be.above(before);
  expect(release.status, `status of revision ${release.revision}`).to.equal('deployed');
}

function rolledOut(deployments: V1Deployment[]): Verdict {
  if (deployments.length === 0) return waiting('no Deployment of the release exists');
  const pending: string[] = [];
  for (const deployment of deployments) {
    const name = deployment.metadata?.name;
    const wanted = deployment.spec?.replicas ?? 1;
    const status = deployment.status ?? {};
    const stuck = status.conditions?.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
    if (stuck) return impossible(`Deployment ${name} exceeded its progress deadline: ${stuck.message}`);
    const done =
      (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 0) &&
      status.updatedReplicas === wanted && status.readyReplicas === wanted && status.replicas === wanted;
    if (!done) pending.push(`${name}: ${status.updatedReplicas ?? 0} updated, ${status.readyReplicas ?? 0} ready, ${status.replicas ?? 0} total of ${wanted}`);
  }
  return pending.length ? waiting(pending.join('; ')) : met();
}

function podsSettled(pods: V1Pod[]): Verdict {
  const terminating = pods.filter((pod) => pod.metadata?.deletionTimestamp);
  const notReady = pods.filter((pod) => !pod.metadata?.deletionTimestamp && !isReady(pod));
  if (pods.length === 0) return waiting('no pod of the release exists');
  if (terminating.length || notReady.length) return waiting(`terminating: ${terminating.length}; not ready: ${notReady.map(podSummary).join('; ') || 'none'}`);
  return met();
}

export async function awaitRollout(world: KubeflowWorld): Promise<void> {
  const { release, namespace } = world.config.installer;
  const labelSelector = `${INSTANCE_LABEL}=${release}`;
  const timeoutMs = world.config.timeouts.rollout;
  const started = Date.now();
  await world.waitFor<V1Deployment>({ what: `the Deployments of release ${release} to roll out`, kind: KINDS.Deployment, namespace, labelSelector, timeoutMs, evaluate: rolledOut });
  const what = `the pods of release ${release} to be ready, old ones gone`;
  // The release's pods are in its own namespace, and made by helm's upgrade, not by this scenario.
  const guard = { ...world.guard(what, timeoutMs), namespace, labelSelector, since: new Date(started) };
  await guardedByPods(guard, (signal) => world.waitFor<V1Pod>({ what, kind: KINDS.Pod, namespace, labelSelector, timeoutMs, signal, evaluate: podsSettled }));
  // From helm's return to settled pods: the rollout's own time, by the harness's clock.
  world.recordWorkloadTime('rollout time', (Date.now() - started) / 1000);
}

interface ResourceRow {
  resource: string;
  quantity: string;
}

function actual(container: V1Container, resource: string): string | undefined {
  const [section, name] = resource.split('.') as ['limits' | 'requests', string];
  const value = container.resources?.[section]?.[name];
  return value === undefined ? undefined : String(value);
}

/** Every container of the release's pods against the expected quantities, as a table a person can read. */
async function checkResources(world: KubeflowWorld, rows: ResourceRow[]): Promise<{ table: string; mismatches: number }> {
  for (const row of rows) parseQuantity(row.quantity);
  const { release, namespace } = world.config.installer;
  const lines = [['pod/container', 'resource', 'expected', 'actual', '']];
  let mismatches = 0;
  for (const pod of await releasePods(world)) {
    for (const container of pod.spec?.containers ?? []) {
      for (const { resource, quantity } of rows) {
        const found = actual(container, resource);
        const ok = found !== undefined && sameQuantity(found, quantity);
        if (!ok) mismatches++;
        lines.push([`${pod.metadata?.name}/${container.name}`, resource, quantity, found ?? 'not set', ok ? 'ok' : 'DIFFERENT']);
      }
    }
  }
  if (lines.length === 1) throw new Error(`No pod of release ${release} runs in namespace ${namespace}.`);
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const table = lines.map((line) => line.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
  return { table, mismatches };
}

/** Attaches the comparison to the step either way, so the report shows what was checked. */
export async function expectResources(world: KubeflowWorld, hashes: Record<string, string>[]): Promise<void> {
  const rows = hashes.map(({ resource, quantity }) => {
    if (!/^(limits|requests)\.\w+$/.test(resource ?? '') || !quantity) {
      throw new Error('The resources table needs the columns "resource" (limits.cpu, requests.memory, ...) and "quantity".');
    }
    return { resource, quantity };
  });
  const { table, mismatches } = await checkResources(world, rows);
  world.attach(table, { mediaType: 'text/plain', fileName: 'expected and actual resources' });
  expect(mismatches, `containers whose resources differ from the table:\n${table}\n`).to.equal(0);
}
