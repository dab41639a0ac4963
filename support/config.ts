// Everything a run can be told from outside, read once from the environment.
// Names are listed in the README; each has a default that works on the sandbox.
import { TRAINING_AREAS } from './kubeflow/training-apis';

/** One table of timeouts. Override any entry with KUBEFLOW_BDD_TIMEOUT_<NAME>, e.g. KUBEFLOW_BDD_TIMEOUT_JOB_SUCCEEDED=20m. */
export const TIMEOUT_DEFAULTS = {
  /** A pod is scheduled and its containers start. */
  podRunning: '3m',
  /** A training job reaches Succeeded. */
  jobSucceeded: '15m',
  /** A builder pod finishes its image build. */
  buildCompleted: '15m',
  /** A server in a pod (a notebook server) answers its API, once the pod runs. */
  serverAnswers: '2m',
  /** The profile controller has made a Profile's namespace, ServiceAccounts and RoleBindings. */
  profileReady: '1m',
  /** A PersistentVolumeClaim is bound. */
  pvcBound: '2m',
  /** A Deployment rolls out after a Helm upgrade. */
  rollout: '10m',
  /** A helm upgrade with --wait. */
  helmUpgrade: '20m',
  /** A namespace and everything in it is gone. */
  cleanup: '2m',
  /** One cucumber step; waits above carry their own limit. */
  step: '30m',
} as const;

export type TimeoutName = keyof typeof TIMEOUT_DEFAULTS;
export type Timeouts = Record<TimeoutName, number>;

export interface Images {
  pytorchMnist: string;
  tensorflowMnist: string;
  kaniko: string;
  /** The base image of the Dockerfile Kaniko builds (its FROM, passed as the build argument BASE_IMAGE). */
  kanikoBase: string;
  notebook: string;
  /** A small image with a shell, for the pod that puts a Dockerfile on the shared volume as a notebook would. */
  shell: string;
}

/** The Helm release that installed the platform, for the upgrade check. */
export interface Installer {
  release: string;
  namespace: string;
  /** Chart reference given to `helm upgrade`: a path, repo/chart or oci:// URL. */
  chart: string;
}

/** The registry Kaniko pushes to and the harness then asks for the image. */
export interface Registry {
  /** host[:port]; unset, Kaniko builds without pushing and the registry check fails saying so. */
  host?: string;
  /** Plain HTTP instead of HTTPS, for pulls and pushes alike (a local or in-cluster registry). */
  insecure: boolean;
}

export interface HarnessConfig {
  /** Training areas (pytorchjob, tfjob, trainjob) that fail, rather than skip, when the platform runs the other generation. */
  require: string[];
  /** The ClusterTrainingRuntime TrainJobs name. */
  trainingRuntime: string;
  /** The user (as the cluster authenticates them) who owns the Profiles the harness makes. */
  profileOwner: string;
  /** Label value that marks everything this run creates, so a later run can sweep leftovers. */
  runId: string;
  /** When set, scenarios run in this existing namespace instead of a fresh one each. */
  namespace?: string;
  images: Images;
  registry: Registry;
  storageClass?: string;
  installer: Installer;
  timeouts: Timeouts;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses '90s', '10m', '1h30m' or '500ms' into milliseconds. */
export function parseDuration(text: string, source: string): number {
  const parts = [...text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  const whole = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || whole !== text.trim()) {
    throw new Error(`${source}="${text}" is not a duration. Fix: write it like 90s, 10m or 1h30m.`);
  }
  return parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * UNITS[unit], 0);
}

function envName(name: TimeoutName): string {
  return `KUBEFLOW_BDD_TIMEOUT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export function readTimeouts(env: NodeJS.ProcessEnv = process.env): Timeouts {
  const entries = Object.entries(TIMEOUT_DEFAULTS).map(([name, fallback]) => {
    const variable = envName(name as TimeoutName);
    return [name, parseDuration(env[variable] ?? fallback, env[variable] ? variable : `default ${name}`)];
  });
  return Object.fromEntries(entries) as Timeouts;
}

function readRequired(env: NodeJS.ProcessEnv): string[] {
  const names = (env.KUBEFLOW_BDD_REQUIRE ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((name) => !TRAINING_AREAS.includes(name));
  if (unknown.length > 0) {
    throw new Error(`KUBEFLOW_BDD_REQUIRE names ${unknown.join(', ')}, which the harness does not know. Fix: list some of ${TRAINING_AREAS.join(', ')}, separated by commas.`);
  }
  return names;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): HarnessConfig {
  return {
    runId: env.KUBEFLOW_BDD_RUN_ID ?? newRunId(),
    require: readRequired(env),
    // The PyTorch runtime that Kubeflow Trainer installs by default (manifests/base/runtimes).
    trainingRuntime: env.KUBEFLOW_BDD_TRAINING_RUNTIME || 'torch-distributed',
    profileOwner: env.KUBEFLOW_BDD_PROFILE_OWNER || 'kubeflow-bdd-user@example.com',
    namespace: env.KUBEFLOW_BDD_NAMESPACE || undefined,
    storageClass: env.KUBEFLOW_BDD_STORAGE_CLASS || undefined,
    images: {
      pytorchMnist: env.KUBEFLOW_BDD_IMAGE_PYTORCH ?? 'gcr.io/kubeflow-ci/pytorch-dist-mnist-test:v1.0',
      tensorflowMnist: env.KUBEFLOW_BDD_IMAGE_TENSORFLOW ?? 'kubeflow/tf-dist-mnist-test:1.0',
      kaniko: env.KUBEFLOW_BDD_IMAGE_KANIKO ?? 'gcr.io/kaniko-project/executor:v1.23.2',
      kanikoBase: env.KUBEFLOW_BDD_IMAGE_KANIKO_BASE ?? 'python:3.11-slim',
      notebook: env.KUBEFLOW_BDD_IMAGE_NOTEBOOK ?? 'kubeflownotebookswg/jupyter-scipy:v1.9.0',
      shell: env.KUBEFLOW_BDD_IMAGE_SHELL ?? 'busybox:1.36',
    },
    registry: {
      host: env.KUBEFLOW_BDD_REGISTRY || undefined,
      insecure: env.KUBEFLOW_BDD_REGISTRY_INSECURE === 'true',
    },
    installer: {
      release: env.KUBEFLOW_BDD_HELM_RELEASE ?? 'kubeflowinstaller',
      namespace: env.KUBEFLOW_BDD_HELM_NAMESPACE ?? 'kubeflow-installer',
      chart: env.KUBEFLOW_BDD_HELM_CHART ?? 'sandbox/chart/kubeflowinstaller',
    },
    timeouts: readTimeouts(env),
  };
}

/** Short, sortable and readable: 20261128-0450-k3f9. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}
