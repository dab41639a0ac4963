/** Where each kind the harness touches lives in the API, so watches and lists need no discovery. */
export interface KindRef {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

const kind = (apiVersion: string, name: string, plural: string, namespaced = true): KindRef => ({
  apiVersion,
  kind: name,
  plural,
  namespaced,
});

export const KINDS = {
  Pod: kind('v1', 'Pod', 'pods'),
  Event: kind('v1', 'Event', 'events'),
  Secret: kind('v1', 'Secret', 'secrets'),
  ServiceAccount: kind('v1', 'ServiceAccount', 'serviceaccounts'),
  ConfigMap: kind('v1', 'ConfigMap', 'configmaps'),
  PersistentVolumeClaim: kind('v1', 'PersistentVolumeClaim', 'persistentvolumeclaims'),
  Namespace: kind('v1', 'Namespace', 'namespaces', false),
  RoleBinding: kind('rbac.authorization.k8s.io/v1', 'RoleBinding', 'rolebindings'),
  SubjectAccessReview: kind('authorization.k8s.io/v1', 'SubjectAccessReview', 'subjectaccessreviews', false),
  StorageClass: kind('storage.k8s.io/v1', 'StorageClass', 'storageclasses', false),
  CustomResourceDefinition: kind('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinitions', false),
  Service: kind('v1', 'Service', 'services'),
  Deployment: kind('apps/v1', 'Deployment', 'deployments'),
  StatefulSet: kind('apps/v1', 'StatefulSet', 'statefulsets'),
  Job: kind('batch/v1', 'Job', 'jobs'),
  JobSet: kind('jobset.x-k8s.io/v1alpha2', 'JobSet', 'jobsets'),
  PyTorchJob: kind('kubeflow.org/v1', 'PyTorchJob', 'pytorchjobs'),
  TFJob: kind('kubeflow.org/v1', 'TFJob', 'tfjobs'),
  Notebook: kind('kubeflow.org/v1', 'Notebook', 'notebooks'),
  PodDefault: kind('kubeflow.org/v1alpha1', 'PodDefault', 'poddefaults'),
  Profile: kind('kubeflow.org/v1', 'Profile', 'profiles', false),
  TrainJob: kind('trainer.kubeflow.org/v1alpha1', 'TrainJob', 'trainjobs'),
  ClusterTrainingRuntime: kind('trainer.kubeflow.org/v1alpha1', 'ClusterTrainingRuntime', 'clustertrainingruntimes', false),
  Experiment: kind('kubeflow.org/v1beta1', 'Experiment', 'experiments'),
  Trial: kind('kubeflow.org/v1beta1', 'Trial', 'trials'),
  Suggestion: kind('kubeflow.org/v1beta1', 'Suggestion', 'suggestions'),
  InferenceService: kind('serving.kserve.io/v1beta1', 'InferenceService', 'inferenceservices'),
  ClusterServingRuntime: kind('serving.kserve.io/v1alpha1', 'ClusterServingRuntime', 'clusterservingruntimes', false),
  SparkApplication: kind('sparkoperator.k8s.io/v1beta2', 'SparkApplication', 'sparkapplications'),
} as const;

export type KindName = keyof typeof KINDS;

/** The KindRef of an object, when it is a kind the harness knows. */
export function kindOf(object: { apiVersion?: string; kind?: string }): KindRef | undefined {
  return Object.values(KINDS).find((known) => known.kind === object.kind && known.apiVersion === object.apiVersion);
}

/** The REST path of a collection, as a watch needs it. */
export function collectionPath(ref: KindRef, namespace?: string): string {
  const root = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  return ref.namespaced && namespace ? `${root}/namespaces/${namespace}/${ref.plural}` : `${root}/${ref.plural}`;
}

/** The CustomResourceDefinition name of a kind served by a CRD, e.g. pytorchjobs.kubeflow.org. */
export function crdName(ref: KindRef): string {
  return `${ref.plural}.${ref.apiVersion.split('/')[0]}`;
}
