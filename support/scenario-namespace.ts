import { DeferredDeletions } from './cluster/deferred-deletions';
import { awaitNamespaceGone, createScenarioNamespace, requestNamespaceDeletion } from './cluster/namespace';
import { awaitProfileGone, awaitProfileReady, createProfile, PROFILE_EDITOR, requestProfileDeletion } from './kubeflow/profile';
import { SpareProfile } from './kubeflow/spare-profile';
import type { Clients } from './cluster/client';
import type { KubeflowWorld } from './world';

/** Where Profiles are served, every scenario's profile namespace is named alike: it is made before anyone knows which scenario gets it. */
const PROFILE_PREFIX = 'kfbdd-';

let spareProfile: SpareProfile | undefined;
const deletions = new DeferredDeletions();

function spareProfiles(world: KubeflowWorld): SpareProfile {
  const { clients, config, runId } = world;
  spareProfile ??= new SpareProfile(() => {
    const created = createProfile(clients, PROFILE_PREFIX, config.profileOwner, runId);
    const ready = created.then(async (name) => {
      await awaitProfileReady({ clients, name, timeoutMs: config.timeouts.profileReady });
      return name;
    });
    return { created, ready };
  });
  return spareProfile;
}

/**
 * The scenario's namespace: the one given (KUBEFLOW_BDD_NAMESPACE); where the cluster
 * serves Profiles, one made from a Profile of its own, as a multi-user Kubeflow makes
 * a user's; elsewhere a plain namespace labelled as a profile.
 */
export async function useScenarioNamespace(world: KubeflowWorld, options: { fromProfile: boolean; prefix: string }): Promise<void> {
  if (world.config.namespace) {
    world.namespace = world.config.namespace;
    return;
  }
  if (options.fromProfile) {
    const profile = spareProfiles(world).take();
    world.namespace = await profile.created;
    world.profiles.push(world.namespace);
    world.serviceAccount = PROFILE_EDITOR;
    await profile.ready;
    return;
  }
  world.namespace = await createScenarioNamespace(world.clients, options.prefix, world.runId);
  world.ownsNamespace = true;
}

/**
 * Deletes what the scenario made. In a namespace of its own (or its profile's), the
 * namespace is deleted with all in it and seen gone at the end of the run; in a shared
 * one, each object is awaited, as the next scenario may create the same names at once.
 */
export async function deleteScenarioObjects(world: KubeflowWorld, scenario: string): Promise<void> {
  const { clients, config } = world;
  const namespaceGoes = world.ownsNamespace || world.profiles.includes(world.namespace);
  const problems = await world.cleaner.deleteAll(clients, namespaceGoes ? undefined : config.timeouts.cleanup);
  const owner = `After "${scenario}"`;
  const requests = [...world.profiles].reverse().map((profile) => deleteProfileLater(clients, owner, profile, config.timeouts.cleanup));
  if (world.ownsNamespace) {
    const name = world.namespace;
    requests.push(deletions.delete(owner, () => requestNamespaceDeletion(clients, name), () => awaitNamespaceGone(clients, name, config.timeouts.cleanup)));
  }
  for (const result of await Promise.allSettled(requests)) if (result.status === 'rejected') problems.push((result.reason as Error).message);
  if (problems.length > 0) throw new Error(`Cleanup left things behind:\n${problems.join('\n')}`);
}

function deleteProfileLater(clients: Clients, owner: string, name: string, timeoutMs: number): Promise<void> {
  return deletions.delete(owner, () => requestProfileDeletion(clients, name), () => awaitProfileGone(clients, name, timeoutMs));
}

/** At the end of the run: deletes the spare profile and waits for every deletion; resolves with what was left behind. */
export async function settleDeletions(clients: Clients, timeoutMs: number): Promise<string[]> {
  const spare = await spareProfile?.leftover();
  const problems: string[] = [];
  if (spare) await deleteProfileLater(clients, 'The spare profile', spare, timeoutMs).catch((error: Error) => problems.push(error.message));
  return [...problems, ...(await deletions.settle())];
}
