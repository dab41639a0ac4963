import type { V1Pod, V1ServiceAccount } from '@kubernetes/client-node';
import { awaitPodPhase, expectPodLogContains } from '../cluster/checks';
import { createObjects } from '../cluster/create';
import { explain, isNotFound } from '../cluster/errors';
import { KINDS } from '../cluster/kinds';
import { loadManifest } from '../cluster/manifest';
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
export async function putBuildContext(world: KubeflowWorld, claim: string): Promise<void> {
  await world.create('kaniko/build-context.yaml');
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

export async function startBuild(world: KubeflowWorld, destination: string, claim: string, secret?: string): Promise<void> {
  const [pod] = loadManifest('kaniko/builder.yaml', { image: world.config.images.kaniko, destination, claim }) as V1Pod[];
  if (secret) mountRegistrySecret(pod, secret);
  const [created] = await createObjects(world, [pod]);
  world.subjects.set('builder', { kind: KINDS.Pod, name: created.metadata?.name as string });
}

export async function awaitBuildCompleted(world: KubeflowWorld): Promise<void> {
  const { name } = world.subject('builder');
  await awaitPodPhase(world, name, 'Succeeded', world.config.timeouts.buildCompleted);
}

export async function expectImageBuilt(world: KubeflowWorld, image: string): Promise<void> {
  await expectPodLogContains(world, world.subject('builder').name, image, BUILDER_CONTAINER);
}
