import type { V1Pod, V1ServiceAccount } from '@kubernetes/client-node';
import { expect } from 'chai';
import type { Registry } from '../config';
import { secondsSinceCreation } from '../cluster/timing';
import { awaitPodPhase, expectPodLogContains } from '../cluster/checks';
import { createObjects } from '../cluster/create';
import { explain, isNotFound } from '../cluster/errors';
import { KINDS } from '../cluster/kinds';
import { lastMatch, readLog } from '../cluster/logs';
import { loadManifest } from '../cluster/manifest';
import { manifestDigest, splitTag } from '../cluster/registry';
import type { KubeflowWorld } from '../world';

const BUILDER_CONTAINER = 'kaniko';
/** Where Kaniko looks for registry credentials. */
const DOCKER_CONFIG_DIR = '/kaniko/.docker';

/** Uses the service account when the namespace already has one (a user's profile), creates it otherwise. */
export async function ensureServiceAccount(world: KubeflowWorld, name: string): Promise<void> {
  try {
    await world.clients.core.readNamespacedServiceAccount({ name, namespace: world.namespace });
    return;
  } catch (error) {
    if (!isNotFound(error)) throw explain(error, `Reading service account ${name}`);
  }
  const [account] = loadManifest('kaniko/service-account.yaml') as V1ServiceAccount[];
  await createObjects(world, [{ ...account, metadata: { ...account.metadata, name } }]);
}

/** Copies the build context onto the shared claim, as the notebook that owns the code would. */
export async function putBuildContext(world: KubeflowWorld, claim: string, file = 'kaniko/build-context.yaml'): Promise<void> {
  await world.create(file);
  const [pod] = await world.create<V1Pod>('kaniko/copy-context.yaml', { image: world.config.images.shell, claim });
  await awaitPodPhase(world, pod.metadata?.name as string, 'Succeeded');
}

export async function registrySecret(world: KubeflowWorld, name: string): Promise<void> {
  await world.create('kaniko/registry-secret.yaml', { name });
  world.subjects.set(`secret ${name}`, { kind: KINDS.Secret, name });
}

function mountRegistrySecret(pod: V1Pod, secret: string): void {
  const spec = pod.spec as NonNullable<V1Pod['spec']>;
  spec.volumes = [...(spec.volumes ?? []), { name: 'registry-credentials', secret: { secretName: secret, items: [{ key: '.dockerconfigjson', path: 'config.json' }] } }];
  const container = spec.containers[0];
  container.volumeMounts = [...(container.volumeMounts ?? []), { name: 'registry-credentials', mountPath: DOCKER_CONFIG_DIR }];
}

/**
 * The image as this scenario pushes it: under its namespace, so scenarios running
 * side by side, and runs sharing a registry, never overwrite each other's tag.
 */
function scenarioImage(world: KubeflowWorld, image: string): string {
  return `${world.namespace}/${image}`;
}

/** The image reference Kaniko pushes: the scenario's image in the configured registry, or the feature's name as it is without one. */
function destinationOf(world: KubeflowWorld, image: string): string {
  const { host } = world.config.registry;
  return host ? `${host}/${scenarioImage(world, image)}` : image;
}

/** Without a registry the build still runs to the end and keeps its image as a tarball on the volume. */
function registryArgs(registry: Registry): string[] {
  if (!registry.host) return ['--no-push', '--tar-path=/workspace/image.tar'];
  return registry.insecure ? [`--insecure-registry=${registry.host}`] : [];
}

export async function startBuild(world: KubeflowWorld, image: string, claim: string, secret?: string): Promise<void> {
  const { registry, images } = world.config;
  const destination = destinationOf(world, image);
  const [pod] = loadManifest('kaniko/builder.yaml', { image: images.kaniko, destination, claim, baseImage: images.kanikoBase }) as V1Pod[];
  pod.spec?.containers[0].args?.push(...registryArgs(registry));
  if (secret) mountRegistrySecret(pod, secret);
  const [created] = await createObjects(world, [pod]);
  world.subjects.set('builder', { kind: KINDS.Pod, name: created.metadata?.name as string });
}

export async function awaitBuildCompleted(world: KubeflowWorld): Promise<void> {
  const { name } = world.subject('builder');
  const builder = await awaitPodPhase(world, name, 'Succeeded', world.config.timeouts.buildCompleted);
  const finished = builder.status?.containerStatuses?.map((status) => status.state?.terminated?.finishedAt).find(Boolean);
  world.recordWorkloadTime('build time', secondsSinceCreation(builder, finished));
}

/**
 * Kaniko's last word on the image: the digest it pushed (kept for the registry
 * check), or, with no registry to push to, that it skipped the push.
 */
export async function expectImageBuilt(world: KubeflowWorld, image: string): Promise<void> {
  const pod = world.subject('builder').name;
  const { registry } = world.config;
  if (!registry.host) {
    await expectPodLogContains(world, pod, 'Skipping push to container registry due to --no-push flag', BUILDER_CONTAINER);
    return;
  }
  const log = await readLog(world.clients, { namespace: world.namespace, pod, container: BUILDER_CONTAINER });
  const repository = splitTag(destinationOf(world, image)).repository;
  const pushed = lastMatch(log, /Pushed (\S+)@(sha256:[0-9a-f]{64})/);
  if (!pushed || pushed[1] !== repository) {
    throw new Error(`The log of builder pod ${pod} shows no push of ${repository}. Its end:\n${log.trimEnd().split('\n').slice(-10).join('\n')}`);
  }
  world.pushedDigest = pushed[2];
}

/** The registry answers for the tag with the digest Kaniko pushed. */
export async function expectImageInRegistry(world: KubeflowWorld, image: string): Promise<void> {
  const pushed = scenarioImage(world, image);
  const digest = await manifestDigest(world.config.registry, pushed);
  if (world.pushedDigest) expect(digest, `the digest the registry ${world.config.registry.host} holds for ${pushed}`).to.equal(world.pushedDigest);
}
