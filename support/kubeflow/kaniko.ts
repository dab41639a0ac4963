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
import { dockerConfigJson } from '../cluster/docker-config';
import { imageRegistry, manifestDigest, splitTag } from '../cluster/registry';
import { refusedCredentials } from './kaniko-refusal';
import type { KubeflowWorld } from '../world';

const BUILDER_CONTAINER = 'kaniko';
/** Where Kaniko looks for registry credentials. */
const DOCKER_CONFIG_DIR = '/kaniko/.docker';
/** Where a build without credentials keeps its image, on the shared volume. */
const TARBALL = '/workspace/image.tar';

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

/** The registry a build with credentials pushes to; none configured is an error that names the settings. */
function pushHost(registry: Registry): string {
  if (!registry.host) {
    throw new Error('No registry is configured to push to. Fix: set KUBEFLOW_BDD_REGISTRY to the registry Kaniko pushes to (host[:port]), and KUBEFLOW_BDD_REGISTRY_CONFIG to a docker config file with its login.');
  }
  return registry.host;
}

/**
 * The login for the registry (KUBEFLOW_BDD_REGISTRY_CONFIG) as a Secret of the
 * scenario's namespace, as a user gives Kaniko theirs; world.create teaches the
 * redactor its values.
 */
export async function registrySecret(world: KubeflowWorld, name: string): Promise<void> {
  const host = pushHost(world.config.registry);
  const { login } = world.config.registry;
  if (!login) {
    throw new Error(`No login for the registry ${host} is configured, so there are no credentials to put in the secret ${name}. Fix: set KUBEFLOW_BDD_REGISTRY_CONFIG to a docker config file with the login for ${host}, as docker login writes it.`);
  }
  await world.create('kaniko/registry-secret.yaml', { name, dockerConfig: Buffer.from(dockerConfigJson(host, login)).toString('base64') });
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

/** The image reference Kaniko pushes: the scenario's image in the configured registry. */
function destinationOf(world: KubeflowWorld, image: string): string {
  return `${pushHost(world.config.registry)}/${scenarioImage(world, image)}`;
}

/** The registries Kaniko reaches over plain HTTP: the one it pushes to, the one it pulls the base image from. */
function insecureRegistryArgs(registry: Registry, baseImage: string, pushes: boolean): string[] {
  const hosts = new Set([pushes && registry.insecure && registry.host, registry.baseInsecure && imageRegistry(baseImage)].filter((host): host is string => Boolean(host)));
  return [...hosts].map((host) => `--insecure-registry=${host}`);
}

/**
 * With a secret, Kaniko pushes with its credentials. Without one, as a platform
 * without credentials builds, the image goes nowhere but a tarball on the volume.
 */
export async function startBuild(world: KubeflowWorld, image: string, claim: string, secret?: string): Promise<void> {
  const { registry, images } = world.config;
  const destination = secret ? destinationOf(world, image) : image;
  const [pod] = loadManifest('kaniko/builder.yaml', { image: images.kaniko, destination, claim, baseImage: images.kanikoBase }) as V1Pod[];
  pod.spec?.containers[0].args?.push(...insecureRegistryArgs(registry, images.kanikoBase, Boolean(secret)));
  if (secret) {
    mountRegistrySecret(pod, secret);
    world.builderSecret = secret;
  } else {
    pod.spec?.containers[0].args?.push('--no-push', `--tar-path=${TARBALL}`);
  }
  const [created] = await createObjects(world, [pod]);
  world.subjects.set('builder', { kind: KINDS.Pod, name: created.metadata?.name as string });
}

/** A builder that failed because the registry refused the secret's credentials, said so; undefined for any other failure. */
async function credentialsRefused(world: KubeflowWorld, pod: string): Promise<Error | undefined> {
  const { host, login } = world.config.registry;
  if (!world.builderSecret || !host) return undefined;
  // A log that cannot be read leaves the wait's own error to tell.
  const log = await readLog(world.clients, { namespace: world.namespace, pod, container: BUILDER_CONTAINER }).catch(() => '');
  return refusedCredentials(log, { host, secret: world.builderSecret, pod, login });
}

export async function awaitBuildCompleted(world: KubeflowWorld): Promise<void> {
  const { name } = world.subject('builder');
  let builder: V1Pod;
  try {
    builder = await awaitPodPhase(world, name, 'Succeeded', world.config.timeouts.buildCompleted);
  } catch (error) {
    throw (await credentialsRefused(world, name)) ?? error;
  }
  const finished = builder.status?.containerStatuses?.map((status) => status.state?.terminated?.finishedAt).find(Boolean);
  world.recordWorkloadTime('build time', secondsSinceCreation(builder, finished));
}

/**
 * Kaniko's last word on a build without credentials: the push skipped, as --no-push
 * asked. It says so only once it has written the image's tarball (--tar-path).
 */
export async function expectImageKept(world: KubeflowWorld): Promise<void> {
  await expectPodLogContains(world, world.subject('builder').name, 'Skipping push to container registry due to --no-push flag', BUILDER_CONTAINER);
}

/** Kaniko's last word on a build with credentials: the digest it pushed, kept for the registry check. */
export async function expectImagePushed(world: KubeflowWorld, image: string): Promise<void> {
  const pod = world.subject('builder').name;
  const log = await readLog(world.clients, { namespace: world.namespace, pod, container: BUILDER_CONTAINER });
  const repository = splitTag(destinationOf(world, image)).repository;
  const pushed = lastMatch(log, /Pushed (\S+)@(sha256:[0-9a-f]{64})/);
  if (!pushed || pushed[1] !== repository) {
    throw new Error(`The log of builder pod ${pod} shows no push of ${repository}. Its end:\n${log.trimEnd().split('\n').slice(-10).join('\n')}`);
  }
  world.pushedDigest = pushed[2];
}

/** The registry, asked with the same login Kaniko pushed with, answers for the tag with the digest Kaniko pushed. */
export async function expectImageInRegistry(world: KubeflowWorld, image: string): Promise<void> {
  const pushed = scenarioImage(world, image);
  const digest = await manifestDigest(world.config.registry, pushed);
  if (world.pushedDigest) expect(digest, `the digest the registry ${world.config.registry.host} holds for ${pushed}`).to.equal(world.pushedDigest);
}
