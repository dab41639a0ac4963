// The Job an in-cluster run creates: manifests/in-cluster/ as users apply them, with
// this cluster's image, arguments and settings put in.
import type { KubernetesObject, V1CronJob, V1CronJobSpec, V1EnvVar, V1Job, V1JobSpec, V1PodSpec, V1Secret, V1SecretVolumeSource } from '@kubernetes/client-node';
import { loadManifest } from '../../support/cluster/manifest';

export type RunForm = { kind: 'job' } | { kind: 'sharded'; shards: number } | { kind: 'cronjob' };

export interface JobSettings {
  image: string;
  /** Cucumber's arguments; none keeps the manifest's own. */
  args: string[];
  /** Variables added to the harness's container, replacing any of the same name. */
  env: Record<string, string>;
  /** Requests for a small node (the sandbox's real node has two cores). */
  requests?: { cpu: string; memory: string };
  /** The registry login Secret the manifests mount exists: KUBEFLOW_BDD_REGISTRY_CONFIG names its file in the pod. */
  registryLogin?: boolean;
}

const MANIFESTS = { job: 'in-cluster/job.yaml', sharded: 'in-cluster/sharded-job.yaml', cronjob: 'in-cluster/cronjob.yaml' };
/** The manifests' volume of the registry login: a Secret of a docker config, as users give it. */
const REGISTRY_LOGIN_VOLUME = 'registry-login';

/** The Secret the registry login volume of a pod spec mounts, and the file it puts in the container. */
function registryLoginMount(spec: V1PodSpec): { secret: V1SecretVolumeSource; file: string } {
  const secret = spec.volumes?.find((volume) => volume.name === REGISTRY_LOGIN_VOLUME)?.secret;
  const mount = spec.containers[0].volumeMounts?.find((each) => each.name === REGISTRY_LOGIN_VOLUME);
  if (!secret?.secretName || !mount) throw new Error(`The in-cluster manifest does not mount the volume ${REGISTRY_LOGIN_VOLUME}. Fix: restore manifests/in-cluster/.`);
  return { secret, file: `${mount.mountPath}/${secret.items?.[0]?.path ?? '.dockerconfigjson'}` };
}

function patchJobSpec(spec: V1JobSpec, form: RunForm, settings: JobSettings): void {
  const container = spec.template.spec?.containers[0];
  if (!container) throw new Error('The in-cluster manifest has no container. Fix: restore manifests/in-cluster/.');
  container.image = settings.image;
  if (settings.args.length > 0) container.args = settings.args;
  if (settings.requests) container.resources = { ...container.resources, requests: settings.requests };
  const env: Record<string, string> = { ...settings.env };
  if (settings.registryLogin) env.KUBEFLOW_BDD_REGISTRY_CONFIG = registryLoginMount(spec.template.spec as V1PodSpec).file;
  if (form.kind === 'sharded') {
    spec.completions = form.shards;
    spec.parallelism = form.shards;
    spec.maxFailedIndexes = form.shards;
    env.KUBEFLOW_BDD_SHARDS = String(form.shards);
  }
  const kept = (container.env ?? []).filter((variable: V1EnvVar) => !(variable.name in env));
  container.env = [...kept, ...Object.entries(env).map(([name, value]) => ({ name, value }))];
}

/** The Job's pod spec, wherever the manifest of the form keeps it. */
function podSpecOf(form: RunForm): V1PodSpec {
  const [object] = loadManifest(MANIFESTS[form.kind]) as KubernetesObject[];
  const jobSpec = form.kind === 'cronjob' ? (object as V1CronJob).spec?.jobTemplate.spec : (object as V1Job).spec;
  return jobSpec?.template.spec as V1PodSpec;
}

/** The registry login Secret the manifest of the form mounts, made as a user makes it: from their docker config file. */
export function registryLoginSecret(form: RunForm, dockerConfig: string, namespace: string): V1Secret & KubernetesObject {
  const { secret } = registryLoginMount(podSpecOf(form));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secret.secretName, namespace },
    type: 'kubernetes.io/dockerconfigjson',
    data: { [secret.items?.[0]?.key ?? '.dockerconfigjson']: Buffer.from(dockerConfig).toString('base64') },
  };
}

/** The Job to create, or for the nightly CronJob, the CronJob, made to fire at the next minute. */
export function runObjects(form: RunForm, settings: JobSettings): { job: V1Job } | { cronJob: V1CronJob } {
  const [object] = loadManifest(MANIFESTS[form.kind]) as KubernetesObject[];
  if (form.kind !== 'cronjob') {
    const job = object as V1Job;
    patchJobSpec(job.spec as V1JobSpec, form, settings);
    return { job };
  }
  const cronJob = object as V1CronJob & { spec: V1CronJobSpec };
  patchJobSpec(cronJob.spec.jobTemplate.spec as V1JobSpec, form, settings);
  cronJob.spec.schedule = '* * * * *';
  return { cronJob };
}
