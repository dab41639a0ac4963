import type { KubernetesObject, V1Namespace, V1RoleBinding, V1ServiceAccount } from '@kubernetes/client-node';
import type { Clients } from '../cluster/client';
import { createOnce } from '../cluster/create';
import { explain, isNotFound } from '../cluster/errors';
import { KINDS, type KindRef } from '../cluster/kinds';
import { harnessLabels, PROFILE_LABEL, PROFILE_VALUE } from '../cluster/labels';
import { loadManifest } from '../cluster/manifest';
import { awaitNamespaceGone } from '../cluster/namespace';
import { met, waiting } from '../wait/verdict';
import { waitFor } from '../wait/watch';
import type { KubeflowWorld } from '../world';

/** The RoleBinding that binds the owner, rather than a ServiceAccount of that name. */
const OWNER_BINDING = 'namespaceAdmin';
/** The ServiceAccount that notebooks and jobs of a profile run as, as the Jupyter web app makes them. */
export const PROFILE_EDITOR = 'default-editor';

const controllerFix = 'check that the Kubeflow profile controller runs (kubectl -n kubeflow get deploy profiles-deployment) and read its log.';

/**
 * Creates a user's Profile, as Kubeflow's dashboard does at a user's first login:
 * the profile controller makes the namespace of the same name. Returns that name.
 */
export async function createProfile(clients: Clients, generateName: string, owner: string, runId: string): Promise<string> {
  const [profile] = loadManifest('profile/profile.yaml', { prefix: generateName, owner });
  profile.metadata = { ...profile.metadata, labels: harnessLabels(runId) };
  try {
    return (await createOnce(clients, profile)).metadata?.name as string;
  } catch (error) {
    throw explain(error, `Creating a Profile for ${owner}`);
  }
}

export interface ProfileWait {
  clients: Clients;
  /** The Profile's name, which is its namespace's. */
  name: string;
  timeoutMs: number;
}

/** The profile controller made the namespace, with the label Kubeflow's webhooks select profile namespaces by. */
export async function awaitProfileNamespace({ clients, name, timeoutMs }: ProfileWait): Promise<void> {
  await waitFor<V1Namespace>(clients, {
    what: `the namespace of Profile ${name}`,
    kind: KINDS.Namespace,
    name,
    timeoutMs,
    evaluate: ([namespace]) => {
      if (!namespace) return waiting('no namespace yet');
      const label = namespace.metadata?.labels?.[PROFILE_LABEL];
      if (label === PROFILE_VALUE) return met();
      return waiting(`namespace ${name} exists, labelled ${PROFILE_LABEL}=${label ?? '(none)'}`);
    },
    diagnose: ([namespace]) =>
      namespace ? `the namespace lacks the label ${PROFILE_LABEL}=${PROFILE_VALUE}: check the profile controller's namespace labels.` : `the profile controller made no namespace for Profile ${name}: ${controllerFix}`,
  });
}

/** Objects of one kind with these names in the profile namespace, as the profile controller makes them. */
export function awaitInProfile<T extends KubernetesObject>({ clients, name, timeoutMs }: ProfileWait, kind: KindRef, names: string[]): Promise<T[]> {
  return waitFor<T>(clients, {
    what: `${kind.kind}s ${names.join(', ')} in profile namespace ${name}`,
    kind,
    namespace: name,
    timeoutMs,
    evaluate: (objects) => {
      const missing = names.filter((wanted) => !objects.some((object) => object.metadata?.name === wanted));
      return missing.length === 0 ? met() : waiting(`missing: ${missing.join(', ')}`);
    },
    diagnose: () => `the profile controller did not make them: ${controllerFix}`,
  });
}

/** A profile is ready to work in once its namespace, editor account and the account's rights are there. */
export async function awaitProfileReady(wait: ProfileWait): Promise<void> {
  await awaitProfileNamespace(wait);
  await awaitInProfile(wait, KINDS.ServiceAccount, [PROFILE_EDITOR]);
  await awaitInProfile(wait, KINDS.RoleBinding, [PROFILE_EDITOR]);
}

/** Deleting the Profile is the cleanup: the controller lets it go and the namespace goes with it. */
export async function requestProfileDeletion(clients: Clients, name: string): Promise<void> {
  const ref = { apiVersion: KINDS.Profile.apiVersion, kind: KINDS.Profile.kind, metadata: { name } };
  try {
    await clients.objects.delete(ref, undefined, undefined, undefined, undefined, 'Background');
  } catch (error) {
    if (!isNotFound(error)) throw explain(error, `Deleting Profile ${name}`);
  }
}

export async function awaitProfileGone(clients: Clients, name: string, timeoutMs: number): Promise<void> {
  await waitFor(clients, {
    what: `Profile ${name} to be deleted`,
    kind: KINDS.Profile,
    name,
    timeoutMs,
    interruptible: false,
    evaluate: (found) => (found.length === 0 ? met() : waiting(`Profile ${name} is still there (finalizers: ${found[0].metadata?.finalizers?.join(', ') || 'none'})`)),
    diagnose: () => `the profile controller holds it with its finalizer until it has cleaned up: ${controllerFix}`,
  });
  await awaitNamespaceGone(clients, name, timeoutMs);
}

/** The @profile feature's own Profile, beside the scenario's namespace. */
export async function createUserProfile(world: KubeflowWorld): Promise<void> {
  const name = await createProfile(world.clients, `${world.namespace}-user-`, world.config.profileOwner, world.runId);
  world.profiles.push(name);
  world.subjects.set('profile', { kind: KINDS.Profile, name });
}

const profileWait = (world: KubeflowWorld): ProfileWait => ({
  clients: world.clients,
  name: world.subject('profile').name,
  timeoutMs: world.config.timeouts.profileReady,
});

export const awaitUserProfileNamespace = (world: KubeflowWorld): Promise<void> => awaitProfileNamespace(profileWait(world));

export async function expectProfileAccounts(world: KubeflowWorld, names: string[]): Promise<void> {
  await awaitInProfile<V1ServiceAccount>(profileWait(world), KINDS.ServiceAccount, names);
}

/** Each RoleBinding binds its subject (a profile ServiceAccount, or the owner for namespaceAdmin) to the ClusterRole. */
export async function expectProfileBindings(world: KubeflowWorld, expected: { binding: string; role: string }[]): Promise<void> {
  const bindings = await awaitInProfile<V1RoleBinding>(profileWait(world), KINDS.RoleBinding, expected.map((entry) => entry.binding));
  const wrong = expected.flatMap(({ binding, role }) => {
    const found = bindings.find((b) => b.metadata?.name === binding) as V1RoleBinding;
    const subject = binding === OWNER_BINDING ? world.config.profileOwner : binding;
    const problems = [];
    if (found.roleRef.name !== role) problems.push(`${binding} binds ${found.roleRef.kind} ${found.roleRef.name}, not ${role}`);
    if (!found.subjects?.some((s) => s.name === subject)) problems.push(`${binding} does not name ${subject} among its subjects (${(found.subjects ?? []).map((s) => s.name).join(', ') || 'none'})`);
    return problems;
  });
  if (wrong.length > 0) throw new Error(`The profile's RoleBindings are not what Kubeflow makes:\n${wrong.join('\n')}`);
}

interface AccessReview extends KubernetesObject {
  status?: { allowed?: boolean; reason?: string };
}

/** Asks the API server, as the profile's owner, whether they may create each kind in their namespace. */
export async function expectOwnerMayCreate(world: KubeflowWorld, kinds: KindRef[]): Promise<void> {
  const namespace = world.subject('profile').name;
  const user = world.config.profileOwner;
  const refused: string[] = [];
  for (const kind of kinds) {
    const [group] = kind.apiVersion.includes('/') ? kind.apiVersion.split('/') : [''];
    const review = { apiVersion: KINDS.SubjectAccessReview.apiVersion, kind: KINDS.SubjectAccessReview.kind, spec: { user, resourceAttributes: { namespace, verb: 'create', group, resource: kind.plural } } };
    let answer: AccessReview;
    try {
      answer = (await world.clients.objects.create(review)) as AccessReview;
    } catch (error) {
      throw explain(error, `Asking whether ${user} may create ${kind.plural}`);
    }
    if (!answer.status?.allowed) refused.push(`${kind.kind}${answer.status?.reason ? ` (${answer.status.reason})` : ''}`);
  }
  if (refused.length > 0) {
    throw new Error(
      `The owner ${user} may not create ${refused.join(', ')} in their profile namespace ${namespace}.\n` +
        'Fix: the ClusterRole kubeflow-admin that the RoleBinding namespaceAdmin names lacks these kinds: install the Kubeflow component roles that aggregate into it.',
    );
  }
}
