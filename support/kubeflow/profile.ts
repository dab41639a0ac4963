import type { KubernetesObject, V1Namespace, V1RoleBinding, V1ServiceAccount } from '@kubernetes/client-node';
import { explain } from '../cluster/errors';
import { KINDS, type KindRef } from '../cluster/kinds';
import { met, waiting } from '../wait/verdict';
import type { KubeflowWorld } from '../world';

/** The label Kubeflow puts on every profile namespace, which its webhooks select by. */
const PROFILE_LABEL = 'app.kubernetes.io/part-of';
const PROFILE_LABEL_VALUE = 'kubeflow-profile';

/** The RoleBinding that binds the owner, rather than a ServiceAccount of that name. */
const OWNER_BINDING = 'namespaceAdmin';

/** The Profile is cluster-wide, so its name carries the scenario's namespace name to stay unique. */
export async function createProfile(world: KubeflowWorld): Promise<void> {
  const name = `${world.namespace}-user`;
  await world.create('profile/profile.yaml', { name, owner: world.config.profileOwner });
  world.subjects.set('profile', { kind: KINDS.Profile, name });
}

const profileNamespace = (world: KubeflowWorld): string => world.subject('profile').name;

const controllerFix = 'check that the Kubeflow profile controller runs (kubectl -n kubeflow get deploy profiles-deployment) and read its log.';

/** The profile controller made the namespace, with the label Kubeflow's webhooks select profile namespaces by. */
export async function awaitProfileNamespace(world: KubeflowWorld): Promise<void> {
  const name = profileNamespace(world);
  await world.waitFor<V1Namespace>({
    what: `the namespace of Profile ${name}`,
    kind: KINDS.Namespace,
    name,
    timeoutMs: world.config.timeouts.profileReady,
    evaluate: ([namespace]) => {
      if (!namespace) return waiting('no namespace yet');
      const label = namespace.metadata?.labels?.[PROFILE_LABEL];
      if (label === PROFILE_LABEL_VALUE) return met();
      return waiting(`namespace ${name} exists, labelled ${PROFILE_LABEL}=${label ?? '(none)'}`);
    },
    diagnose: ([namespace]) =>
      namespace ? `the namespace lacks the label ${PROFILE_LABEL}=${PROFILE_LABEL_VALUE}: check the profile controller's namespace labels.` : `the profile controller made no namespace for Profile ${name}: ${controllerFix}`,
  });
}

/** Objects of one kind with these names in the profile namespace, as the profile controller makes them. */
function awaitNamed<T extends KubernetesObject>(world: KubeflowWorld, kind: KindRef, names: string[]): Promise<T[]> {
  const namespace = profileNamespace(world);
  return world.waitFor<T>({
    what: `${kind.kind}s ${names.join(', ')} in profile namespace ${namespace}`,
    kind,
    namespace,
    timeoutMs: world.config.timeouts.profileReady,
    evaluate: (objects) => {
      const missing = names.filter((name) => !objects.some((object) => object.metadata?.name === name));
      return missing.length === 0 ? met() : waiting(`missing: ${missing.join(', ')}`);
    },
    diagnose: () => `the profile controller did not make them: ${controllerFix}`,
  });
}

export async function expectProfileAccounts(world: KubeflowWorld, names: string[]): Promise<void> {
  await awaitNamed<V1ServiceAccount>(world, KINDS.ServiceAccount, names);
}

/** Each RoleBinding binds its subject (a profile ServiceAccount, or the owner for namespaceAdmin) to the ClusterRole. */
export async function expectProfileBindings(world: KubeflowWorld, expected: { binding: string; role: string }[]): Promise<void> {
  const bindings = await awaitNamed<V1RoleBinding>(world, KINDS.RoleBinding, expected.map((entry) => entry.binding));
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
  const namespace = profileNamespace(world);
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
