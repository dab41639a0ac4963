import type { KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import type { Clients } from '../cluster/client';
import { explain, isNotFound } from '../cluster/errors';
import { credentialPluginFailure } from '../cluster/kubeconfig';
import type { HarnessConfig } from '../config';
import { KINDS } from '../cluster/kinds';
import { readRelease } from '../kubeflow/helm-release';
import { describeTraining, servedTrainingKinds } from '../kubeflow/training-apis';

/** What the report says about the cluster a run was made against. */
export type Fingerprint = Record<string, string>;
/** The key under which a fingerprint records why the cluster could not be reached. */
export const CLUSTER_PROBLEM = 'Cluster problem';

/** The sandbox runs its controllers as processes and records their versions here. */
const SANDBOX_COMPONENTS_ANNOTATION = 'sandbox.kubeflow-bdd.io/components';
const KUBEFLOW_NAMESPACE = 'kubeflow';
/** Where Kubeflow installs Trainer v2 and JobSet; the other components live in kubeflow. */
const KUBEFLOW_SYSTEM_NAMESPACE = 'kubeflow-system';

interface Crd extends KubernetesObject {
  spec: { group: string; names: { plural: string }; versions: { name: string; served: boolean }[] };
}

/** A part of the fingerprint, or what kept the cluster from giving it: a 403 must not read as "none" or "not found". */
async function orWhyNot(read: () => Promise<string>, attempted: string): Promise<string> {
  try {
    return await read();
  } catch (error) {
    const said = error instanceof Error && !('code' in error) ? error : explain(error, attempted);
    return `not readable: ${said.message.split('\n')[0]}`;
  }
}

const KUBEFLOW_GROUPS = ['kubeflow.org', 'trainer.kubeflow.org', 'jobset.x-k8s.io', 'serving.kserve.io', 'sparkoperator.k8s.io'];

async function kubeflowCrds(clients: Clients): Promise<string> {
  const list = await clients.objects.list<Crd>(KINDS.CustomResourceDefinition.apiVersion, KINDS.CustomResourceDefinition.kind);
  const kubeflow = list.items.filter((crd) => KUBEFLOW_GROUPS.includes(crd.spec.group));
  const served = kubeflow.map((crd) => `${crd.spec.names.plural} ${crd.spec.versions.filter((v) => v.served).map((v) => v.name).join('/')}`);
  return served.sort().join(', ') || 'none';
}

/** The Deployments of a namespace, each with its image's last path part, which carries the version. */
async function deploymentImages(clients: Clients, namespace: string): Promise<string[]> {
  const deployments = await clients.apps.listNamespacedDeployment({ namespace });
  return deployments.items.map((deployment: V1Deployment) => {
    const image = deployment.spec?.template.spec?.containers[0]?.image ?? '?';
    return `${deployment.metadata?.name} ${image.split('/').pop()}`;
  });
}

/** The versions the sandbox recorded on the namespace kubeflow; none elsewhere, where the namespace may not even exist. */
async function recordedComponents(clients: Clients): Promise<string | undefined> {
  try {
    return (await clients.core.readNamespace({ name: KUBEFLOW_NAMESPACE })).metadata?.annotations?.[SANDBOX_COMPONENTS_ANNOTATION];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * The versions the sandbox recorded, where it did: its Deployments run images of its own build, tagged by content,
 * which would only repeat them without a version. Elsewhere, the Deployments' images, whose tags carry the versions.
 */
async function kubeflowComponents(clients: Clients): Promise<string> {
  const recorded = await recordedComponents(clients);
  if (recorded) return recorded;
  const images = [...(await deploymentImages(clients, KUBEFLOW_NAMESPACE)), ...(await deploymentImages(clients, KUBEFLOW_SYSTEM_NAMESPACE))];
  return images.join(', ') || `none found in namespaces ${KUBEFLOW_NAMESPACE} and ${KUBEFLOW_SYSTEM_NAMESPACE}`;
}

/**
 * Asks the cluster who it is. The first call doubles as the reachability check,
 * so a wrong kubeconfig fails here with its fix, before any scenario starts.
 */
export async function fingerprint(clients: Clients, config: HarnessConfig): Promise<Fingerprint> {
  let version;
  try {
    version = await clients.version.getCode();
  } catch (error) {
    throw credentialPluginFailure(clients.kubeConfig, error) ?? explain(error, `Contacting the cluster at ${clients.kubeConfig.getCurrentCluster()?.server}`);
  }
  const nodes = await orWhyNot(async () => {
    const list = await clients.core.listNode();
    const ready = list.items.filter((node) => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    return `${list.items.length} (${ready.length} ready)`;
  }, 'Listing the nodes');
  // readRelease names a release that does not exist, and explains any other error itself.
  const release = await orWhyNot(async () => {
    const state = await readRelease(clients, config.installer);
    return `${config.installer.release} revision ${state.revision} ${state.status} (${state.chart})`;
  }, 'Reading the Helm release');
  return {
    'Cluster': clients.kubeConfig.getCurrentCluster()?.server ?? '?',
    'Kubernetes server': version.gitVersion,
    'Nodes': nodes,
    'Kubeflow training': describeTraining(await servedTrainingKinds(clients)),
    'Kubeflow CRDs': await orWhyNot(() => kubeflowCrds(clients), 'Listing the CustomResourceDefinitions'),
    'Kubeflow components': await orWhyNot(() => kubeflowComponents(clients), `Reading the Deployments in ${KUBEFLOW_NAMESPACE} and ${KUBEFLOW_SYSTEM_NAMESPACE}`),
    'Helm release': release,
    'Run id': config.runId,
  };
}
