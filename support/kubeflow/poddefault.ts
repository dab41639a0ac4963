import { createHash } from 'node:crypto';
import type { KubernetesObject, V1Container, V1EnvVar, V1Pod, V1Volume, V1VolumeMount } from '@kubernetes/client-node';
import { expect } from 'chai';
import { explain } from '../cluster/errors';
import { execInPod } from '../cluster/exec';
import { KINDS } from '../cluster/kinds';
import { sameQuantity } from '../cluster/quantity';
import type { KubeflowWorld } from '../world';

interface PodDefault extends KubernetesObject {
  spec: { env?: V1EnvVar[]; volumeMounts?: V1VolumeMount[]; volumes?: V1Volume[] };
}

const mainContainer = (pod: V1Pod): V1Container => pod.spec?.containers[0] as V1Container;
const env = (pod: V1Pod, name: string): V1EnvVar | undefined => mainContainer(pod).env?.find((e) => e.name === name);
const envNames = (pod: V1Pod): string => (mainContainer(pod).env ?? []).map((e) => e.name).join(', ') || 'none';

export async function createSecret(world: KubeflowWorld, file: string, name: string, key: string): Promise<void> {
  const [secret] = await world.create<KubernetesObject & { data?: Record<string, string> }>(file);
  expect(secret.metadata?.name, `the secret in ${file}`).to.equal(name);
  expect(Object.keys(secret.data ?? {}), `the keys of secret ${name}`).to.include(key);
  world.subjects.set(`secret ${name}`, { kind: KINDS.Secret, name });
}

export async function createPodDefault(world: KubeflowWorld, file: string, name: string): Promise<void> {
  const [podDefault] = await world.create<PodDefault>(file);
  expect(podDefault.metadata?.name, `the PodDefault in ${file}`).to.equal(name);
}

/** Why an injected env var is most likely missing, for the failure message. */
const NOT_MUTATED =
  'most likely the PodDefault webhook did not mutate the pod: check that it runs and is registered (MutatingWebhookConfiguration), ' +
  'that the namespace is labelled app.kubernetes.io/part-of=kubeflow-profile and that the pod carries the PodDefault\'s selector label';

function expectInjected(world: KubeflowWorld, owner: string, name: string): V1EnvVar | undefined {
  const found = env(world.pod(owner), name);
  expect(found, `env ${name} in the pod of ${owner} (it has: ${envNames(world.pod(owner))}); ${NOT_MUTATED}`).to.not.equal(undefined);
  return found;
}

export function expectEnvValue(world: KubeflowWorld, owner: string, name: string, value: string): void {
  const found = expectInjected(world, owner, name);
  expect(found?.value, `the value of env ${name}`).to.equal(value);
}

export function expectEnvFromSecret(world: KubeflowWorld, owner: string, name: string, key: string, secret: string): void {
  const found = expectInjected(world, owner, name);
  expect(found?.valueFrom?.secretKeyRef, `where env ${name} comes from`).to.deep.include({ name: secret, key });
}

export function expectSecretMounted(world: KubeflowWorld, owner: string, secret: string, path: string): void {
  const pod = world.pod(owner);
  const mount = mainContainer(pod).volumeMounts?.find((m) => m.mountPath === path);
  const mounts = (mainContainer(pod).volumeMounts ?? []).map((m) => m.mountPath).join(', ') || 'none';
  expect(mount, `a volume mounted at ${path} in the pod of ${owner} (mounted: ${mounts})`).to.not.equal(undefined);
  const volume = pod.spec?.volumes?.find((v) => v.name === mount?.name);
  expect(volume?.secret?.secretName, `the secret behind the volume at ${path}`).to.equal(secret);
}

export function expectClaimMounted(world: KubeflowWorld, owner: string, claim: string, path: string): void {
  const pod = world.pod(owner);
  const mount = mainContainer(pod).volumeMounts?.find((m) => m.mountPath === path);
  const volume = pod.spec?.volumes?.find((v) => v.name === mount?.name);
  expect(volume?.persistentVolumeClaim?.claimName, `the claim mounted at ${path} in the pod of ${owner}`).to.equal(claim);
}

export function expectRequests(world: KubeflowWorld, owner: string, cpu: string, memory: string): void {
  const requests = mainContainer(world.pod(owner)).resources?.requests ?? {};
  for (const [resource, wanted] of [['cpu', cpu], ['memory', memory]]) {
    const actual = requests[resource];
    expect(actual !== undefined && sameQuantity(String(actual), wanted), `${resource} request of ${owner}: wanted ${wanted}, found ${actual ?? 'none'}`).to.equal(true);
  }
}

/** Nothing the PodDefault would add is in the pod: none of its env vars, none of its mounts. */
export async function expectNothingInjected(world: KubeflowWorld, owner: string, podDefaultName: string): Promise<void> {
  const podDefault = (await world.clients.objects.read({
    apiVersion: 'kubeflow.org/v1alpha1',
    kind: 'PodDefault',
    metadata: { name: podDefaultName, namespace: world.namespace },
  })) as PodDefault;
  const container = mainContainer(world.pod(owner));
  const injectedEnv = (podDefault.spec.env ?? []).map((e) => e.name).filter((name) => container.env?.some((e) => e.name === name));
  const injectedMounts = (podDefault.spec.volumeMounts ?? []).map((m) => m.mountPath).filter((path) => container.volumeMounts?.some((m) => m.mountPath === path));
  expect(injectedEnv, `env from PodDefault ${podDefaultName} in the pod of ${owner}`).to.deep.equal([]);
  expect(injectedMounts, `mounts from PodDefault ${podDefaultName} in the pod of ${owner}`).to.deep.equal([]);
}

/** Runs a shell command in the main container of a pod a step found earlier. */
async function inContainer(world: KubeflowWorld, owner: string, script: string, ...args: string[]): Promise<string> {
  const pod = world.pod(owner);
  const container = mainContainer(pod).name;
  const result = await execInPod(world.clients, world.namespace, pod.metadata?.name as string, container, ['sh', '-c', script, 'check', ...args]);
  if (result.exitCode !== 0) {
    throw new Error(`In container ${container} of ${owner}, the check exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim() || 'no output'}`);
  }
  return result.stdout;
}

/** The env var as the container's process sees it: what the API shows is only what was asked for. */
export async function expectProcessEnv(world: KubeflowWorld, owner: string, name: string, value: string): Promise<void> {
  const seen = await inContainer(world, owner, 'printenv "$1" || echo "(not set)"', name);
  expect(seen.replace(/\n$/, ''), `env ${name} as the process in the container of ${owner} sees it`).to.equal(value);
}

async function secretDigest(world: KubeflowWorld, secret: string, key: string, suffix = ''): Promise<string> {
  let data: Record<string, string> | undefined;
  try {
    data = (await world.clients.core.readNamespacedSecret({ name: secret, namespace: world.namespace })).data;
  } catch (error) {
    throw explain(error, `Reading secret ${secret}`);
  }
  const encoded = data?.[key];
  if (encoded === undefined) throw new Error(`Secret ${secret} has no key ${key}.`);
  return createHash('sha256').update(Buffer.concat([Buffer.from(encoded, 'base64'), Buffer.from(suffix)])).digest('hex');
}

/**
 * The secret's value reaches the process, compared by SHA-256 digest so that neither
 * the value nor its digest is ever printed: as an env var, or as a mounted file.
 */
export async function expectSecretSeen(world: KubeflowWorld, owner: string, secret: string, key: string, where: { env: string } | { file: string }): Promise<void> {
  // printenv ends the value with a newline; the file holds the value as it is.
  const [script, target, suffix] = 'env' in where ? ['printenv "$1" | sha256sum', where.env, '\n'] : ['sha256sum <"$1"', where.file, ''];
  const seen = (await inContainer(world, owner, script, target)).split(/\s/)[0];
  const place = 'env' in where ? `env ${where.env}` : `file ${where.file}`;
  const same = seen === (await secretDigest(world, secret, key, suffix));
  expect(same, `the ${place} in the container of ${owner} holds the key ${key} of secret ${secret} (compared by digest; values not shown)`).to.equal(true);
}
