// Everything a run can be told from outside, read once from the environment.
// Names are listed in the README and support/settings.ts; each has a default that works on the sandbox.
import { join, resolve } from 'node:path';
import { readRegistryLogin, REGISTRY_CONFIG_SETTING, type RegistryLogin } from './cluster/docker-config';
import { OPTIONAL_AREAS } from './kubeflow/optional-components';
import { TRAINING_AREAS } from './kubeflow/training-apis';
import { REPORTS_DIR } from './report/paths';
import { SettingReader } from './setting-reader';
import { unknownVariables, VARIABLES } from './settings';

/** The area of the R notebook scenario, skipped where no image with an R kernel is configured. */
export const R_KERNEL_AREA = 'r-kernel';
/** Areas whose scenarios are skipped when the platform lacks them, unless required. */
const SKIPPABLE_AREAS = [...TRAINING_AREAS, ...OPTIONAL_AREAS, R_KERNEL_AREA];

/** One table of timeouts. Override any entry with KUBEFLOW_BDD_TIMEOUT_<NAME>, e.g. KUBEFLOW_BDD_TIMEOUT_JOB_SUCCEEDED=20m. */
export const TIMEOUT_DEFAULTS = {
  /** A pod is scheduled and its containers start. */
  podRunning: '3m',
  /** A pod waits on something outside it that may still come: a node to run on (an autoscaler may add one), a volume to mount, its node to be ready again. */
  podStuck: '3m',
  /** A controller takes up an object it runs (a training job gets its first condition). */
  controllerActs: '1m',
  /** A training job reaches Succeeded. */
  jobSucceeded: '15m',
  /** A builder pod finishes its image build. */
  buildCompleted: '15m',
  /** An InferenceService is Ready: its model server loaded the model (Kubeflow's CI allows 300 s). */
  modelServing: '5m',
  /** A server in a pod (a notebook server, a model server) answers its API, once the pod runs. */
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
  /** A run inside the cluster ends (npm run features:in-cluster), as do the other shards of an Indexed Job before the last one upgrades the platform. */
  inClusterRun: '3h',
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
  /** A Jupyter image with an R kernel (IRkernel); Kubeflow ships none, so unset unless given, and the R scenario is skipped. */
  notebookR?: string;
  /** A small image with a shell, for the pod that puts a Dockerfile on the shared volume as a notebook would. */
  shell: string;
  /** A Spark image with Python and Spark's examples at /opt/spark, for the drivers and executors of SparkApplications. */
  spark: string;
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
  /** host[:port]; unset, a build with credentials fails saying so. */
  host?: string;
  /** Plain HTTP instead of HTTPS, for pulls and pushes alike (a local or in-cluster registry). */
  insecure: boolean;
  /** The registry of the Kaniko base image speaks plain HTTP too (a local registry beside the one pushed to). */
  baseInsecure: boolean;
  /** The login for host, from the docker config file KUBEFLOW_BDD_REGISTRY_CONFIG names: Kaniko's Secret holds it, and the harness asks the registry with it. */
  login?: RegistryLogin;
}

/** Where the serving scenario's model comes from, and how it asks the model's predictor. */
export interface Serving {
  /** The storage URI of an sklearn iris model to serve instead of one trained in the scenario. */
  modelUri?: string;
  /** The predictor's base URL on the platform's gateway, {name} and {namespace} replaced; unset, the API server's service proxy. */
  url?: string;
  /** The ServiceAccount of the scenario's namespace whose token is sent to url; a request without it must be refused. */
  tokenAccount?: string;
}

/** Kubeflow's platform CI serves this public iris model (tests/kserve_sklearn_test.py). */
export const PUBLIC_IRIS_MODEL = 'gs://kfserving-examples/models/sklearn/1.0/model';
/** The placeholders of KUBEFLOW_BDD_KSERVE_URL. */
const URL_PLACEHOLDERS = ['{name}', '{namespace}'];

/** The URL of an InferenceService's predictor on the gateway the template names. */
export function predictorUrl(template: string, name: string, namespace: string): string {
  return template.replaceAll('{name}', name).replaceAll('{namespace}', namespace).replace(/\/$/, '');
}

function parseModelUri(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text)) {
    throw new Error(`KUBEFLOW_BDD_KSERVE_MODEL_URI="${text}" is not a storage URI. Fix: give one KServe's storage initializer reads, for example ${PUBLIC_IRIS_MODEL} (the iris model Kubeflow's CI serves) or pvc://<claim>/<folder>.`);
  }
  return text;
}

function parseServingUrl(template: string): string {
  const example = 'https://{name}.{namespace}.example.com';
  const unknown = (template.match(/\{[^}]*\}/g) ?? []).filter((placeholder) => !URL_PLACEHOLDERS.includes(placeholder));
  if (unknown.length > 0) {
    throw new Error(`KUBEFLOW_BDD_KSERVE_URL="${template}" has the placeholder(s) ${unknown.join(', ')}, which the harness does not fill. Fix: use ${URL_PLACEHOLDERS.join(' and ')}, as in ${example}.`);
  }
  let url: URL | undefined;
  try {
    url = new URL(predictorUrl(template, 'name', 'namespace'));
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new Error(`KUBEFLOW_BDD_KSERVE_URL="${template}" is not an http(s) URL. Fix: give the predictor's base URL on your gateway, for example ${example}.`);
  }
  return template;
}

function readServing(settings: SettingReader): Serving {
  const serving: Serving = {
    modelUri: settings.optionalParsed('KUBEFLOW_BDD_KSERVE_MODEL_URI', parseModelUri),
    url: settings.optionalParsed('KUBEFLOW_BDD_KSERVE_URL', parseServingUrl),
    tokenAccount: settings.optional('KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT'),
  };
  // Asked of the variable, not of serving.url: a URL given but malformed is its own problem, not this one.
  if (serving.tokenAccount && !settings.optional('KUBEFLOW_BDD_KSERVE_URL')) {
    settings.problem("KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT is set and KUBEFLOW_BDD_KSERVE_URL, the gateway its token is for, is not. Fix: set KUBEFLOW_BDD_KSERVE_URL to the predictor's URL on your gateway, or unset KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT (the API server's service proxy takes your own credentials).");
  }
  return serving;
}

/** How the training images report their result; each has capture groups, in this order. */
export interface LogPatterns {
  /** (accuracy): the trained model's accuracy on held-out data. */
  accuracy: RegExp;
  /** (global steps, cross entropy): a TensorFlow worker's last validation. */
  convergence: RegExp;
}

/**
 * What the images of the defaults print, read from their programs: Kubeflow's
 * PyTorch MNIST image (Katib's metric format, `{metricName: accuracy, metricValue:
 * 0.8123}`), the older PyTorch MNIST example of the training operator
 * (`accuracy=0.9721`), and the TFJob dist-mnist example (`After 20000 training
 * step(s), validation cross entropy = 0.11`).
 */
export const LOG_PATTERN_DEFAULTS = {
  accuracy: String.raw`(?:metricName: accuracy, metricValue: |accuracy=)([0-9.]+)`,
  convergence: String.raw`After (\d+) training step\(s\), validation cross entropy = (\S+)`,
};

export interface HarnessConfig {
  /** Areas (pytorchjob, tfjob, trainjob, r-kernel) that fail, rather than skip, when the platform lacks what they need. */
  require: string[];
  /** The ClusterTrainingRuntime TrainJobs name. */
  trainingRuntime: string;
  /** The user (as the cluster authenticates them) who owns the Profiles the harness makes. */
  profileOwner: string;
  /** Label value that marks everything this run creates, so a later run can sweep leftovers. */
  runId: string;
  /** When set, scenarios run in this existing namespace instead of a fresh one each. */
  namespace?: string;
  /** Whether each scenario's namespace comes from a Profile where the cluster serves them; false makes plain namespaces labelled as profile ones. */
  profileNamespaces: boolean;
  images: Images;
  logPatterns: LogPatterns;
  /** The highest validation cross entropy a TFJob's worker may report and count as converged (its scale is the image's). */
  crossEntropyMax: number;
  registry: Registry;
  serving: Serving;
  storageClass?: string;
  installer: Installer;
  timeouts: Timeouts;
  history: History;
}

/** Where each run's results are kept for the trend page, and how many runs are kept. */
export interface History {
  dir: string;
  keep: number;
}

const HISTORY_KEEP_DEFAULT = 60;

function parseKeep(text: string): number {
  const keep = Number(text);
  if (!Number.isInteger(keep) || keep < 1) {
    throw new Error(`KUBEFLOW_BDD_HISTORY_KEEP="${text}" is not a number of runs. Fix: give a whole number of 1 or more, for example ${HISTORY_KEEP_DEFAULT}.`);
  }
  return keep;
}

function readHistory(settings: SettingReader): History {
  return {
    dir: resolve(settings.text('KUBEFLOW_BDD_HISTORY', join(REPORTS_DIR, 'history'))),
    keep: settings.parsed('KUBEFLOW_BDD_HISTORY_KEEP', String(HISTORY_KEEP_DEFAULT), parseKeep),
  };
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

function timeoutsOf(settings: SettingReader): Timeouts {
  const entries = Object.entries(TIMEOUT_DEFAULTS).map(([name, fallback]) => {
    const variable = envName(name as TimeoutName);
    return [name, settings.parsed(variable, fallback, (text) => parseDuration(text, variable))];
  });
  return Object.fromEntries(entries) as Timeouts;
}

export function readTimeouts(env: NodeJS.ProcessEnv = process.env): Timeouts {
  const settings = new SettingReader(env);
  const timeouts = timeoutsOf(settings);
  settings.finish();
  return timeouts;
}

/** Every variable the project reads: the list in support/settings.ts and one per timeout. */
export const KNOWN_VARIABLES: readonly string[] = [...VARIABLES, ...(Object.keys(TIMEOUT_DEFAULTS) as TimeoutName[]).map(envName)];

function readRequired(settings: SettingReader): string[] {
  // Empty, like unset, requires nothing.
  const names = (settings.optional('KUBEFLOW_BDD_REQUIRE') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((name) => !SKIPPABLE_AREAS.includes(name));
  if (unknown.length > 0) {
    settings.problem(`KUBEFLOW_BDD_REQUIRE names ${unknown.join(', ')}, which the harness does not know. Fix: list some of ${SKIPPABLE_AREAS.join(', ')}, separated by commas.`);
  }
  return names;
}

function parsePattern(variable: string, source: string, fallback: string, groups: number, meaning: string): RegExp {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw new Error(`${variable}="${source}" is not a regular expression (${(error as Error).message}). Fix: write a JavaScript regular expression, for example ${fallback}.`);
  }
  // An empty alternative matches the empty string: its groups count like the others.
  const captured = new RegExp(`${source}|`).exec('')!.length - 1;
  if (captured < groups) {
    throw new Error(`${variable}="${source}" has ${captured} capture group(s) and needs ${groups}: ${meaning}. Fix: put each in parentheses, as in ${fallback}.`);
  }
  return pattern;
}

function readPattern(settings: SettingReader, variable: string, fallback: string, groups: number, meaning: string): RegExp {
  return settings.parsed(variable, fallback, (source) => parsePattern(variable, source, fallback, groups, meaning));
}

function readLogPatterns(settings: SettingReader): LogPatterns {
  return {
    accuracy: readPattern(settings, 'KUBEFLOW_BDD_ACCURACY_PATTERN', LOG_PATTERN_DEFAULTS.accuracy, 1, 'the accuracy'),
    convergence: readPattern(settings, 'KUBEFLOW_BDD_CONVERGENCE_PATTERN', LOG_PATTERN_DEFAULTS.convergence, 2, 'the global step, then the cross entropy'),
  };
}

/**
 * The TFJob dist-mnist example sums the cross entropy over MNIST's 5 000 validation
 * images: a model that learned nothing reports 5 000 x ln 10, about 11 513; a
 * published run of kubeflow/tf-dist-mnist-test:1.0 (1 PS, 3 workers, 20 000 steps)
 * reported 2882.02. The default leaves room for that and fails anything near chance.
 */
export const CROSS_ENTROPY_MAX_DEFAULT = 5000;

function parseCrossEntropyMax(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`KUBEFLOW_BDD_CROSS_ENTROPY_MAX="${text}" is not a positive number. Fix: give the highest validation cross entropy a converged model of your TensorFlow image reports, for example ${CROSS_ENTROPY_MAX_DEFAULT} for the dist-mnist example.`);
  }
  return value;
}

/** The login is read from its file here, so a file without one stops the run before it starts, like any other bad setting. */
function readLogin(settings: SettingReader, host: string | undefined): RegistryLogin | undefined {
  const file = settings.optional(REGISTRY_CONFIG_SETTING);
  if (!file) return undefined;
  if (!host) {
    settings.problem(`${REGISTRY_CONFIG_SETTING} is set and KUBEFLOW_BDD_REGISTRY, the registry its login is for, is not. Fix: set KUBEFLOW_BDD_REGISTRY to that registry (host[:port]), or unset ${REGISTRY_CONFIG_SETTING}.`);
    return undefined;
  }
  try {
    return readRegistryLogin(resolve(file), host);
  } catch (error) {
    settings.problem((error as Error).message);
    return undefined;
  }
}

function readRegistry(settings: SettingReader): Registry {
  const host = settings.optional('KUBEFLOW_BDD_REGISTRY');
  return {
    host,
    insecure: settings.boolean('KUBEFLOW_BDD_REGISTRY_INSECURE', false),
    baseInsecure: settings.boolean('KUBEFLOW_BDD_IMAGE_KANIKO_BASE_INSECURE', false),
    login: readLogin(settings, host),
  };
}

/** Reads every KUBEFLOW_BDD_* variable once; throws one error naming each that is unknown, empty where a value is needed, or not a value of its kind. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): HarnessConfig {
  const settings = new SettingReader(env);
  for (const unknown of unknownVariables(env, KNOWN_VARIABLES)) settings.problem(unknown);
  const config: HarnessConfig = {
    runId: settings.text('KUBEFLOW_BDD_RUN_ID', newRunId()),
    require: readRequired(settings),
    // The PyTorch runtime that Kubeflow Trainer installs by default (manifests/base/runtimes).
    trainingRuntime: settings.text('KUBEFLOW_BDD_TRAINING_RUNTIME', 'torch-distributed'),
    profileOwner: settings.text('KUBEFLOW_BDD_PROFILE_OWNER', 'kubeflow-bdd-user@example.com'),
    namespace: settings.optional('KUBEFLOW_BDD_NAMESPACE'),
    profileNamespaces: settings.boolean('KUBEFLOW_BDD_PROFILE_NAMESPACES', true),
    storageClass: settings.optional('KUBEFLOW_BDD_STORAGE_CLASS'),
    images: {
      // Kubeflow's PyTorch MNIST image, which Trainer's TrainJob example, the PyTorchJob
      // examples of the training operator and Kubeflow's platform CI run (Fashion-MNIST,
      // downloaded at start; program at /opt/pytorch-mnist/mnist.py).
      pytorchMnist: settings.text('KUBEFLOW_BDD_IMAGE_PYTORCH', 'docker.io/kubeflowkatib/pytorch-mnist:v1beta1-45c5727'),
      // The training operator's TFJob example with parameter servers (examples/tensorflow/dist-mnist).
      tensorflowMnist: settings.text('KUBEFLOW_BDD_IMAGE_TENSORFLOW', 'docker.io/kubeflow/tf-dist-mnist-test:1.0'),
      // Kaniko's maintained fork (GoogleContainerTools/kaniko is archived): github.com/osscontainertools/kaniko.
      kaniko: settings.text('KUBEFLOW_BDD_IMAGE_KANIKO', 'ghcr.io/osscontainertools/kaniko:v1.28.3'),
      kanikoBase: settings.text('KUBEFLOW_BDD_IMAGE_KANIKO_BASE', 'docker.io/library/python:3.11-slim'),
      // The Jupyter image of Kubeflow's notebook servers that its platform CI starts (kubeflow/kubeflow components/example-notebook-servers).
      notebook: settings.text('KUBEFLOW_BDD_IMAGE_NOTEBOOK', 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.10.0'),
      notebookR: settings.optional('KUBEFLOW_BDD_IMAGE_NOTEBOOK_R'),
      shell: settings.text('KUBEFLOW_BDD_IMAGE_SHELL', 'docker.io/library/busybox:1.36'),
      // Apache's Spark image, on which the Spark Operator's own image is built (its Dockerfile); its tags carry python3.
      spark: settings.text('KUBEFLOW_BDD_IMAGE_SPARK', 'docker.io/apache/spark:4.0.4'),
    },
    logPatterns: readLogPatterns(settings),
    crossEntropyMax: settings.parsed('KUBEFLOW_BDD_CROSS_ENTROPY_MAX', String(CROSS_ENTROPY_MAX_DEFAULT), parseCrossEntropyMax),
    registry: readRegistry(settings),
    serving: readServing(settings),
    installer: {
      release: settings.text('KUBEFLOW_BDD_HELM_RELEASE', 'kubeflowinstaller'),
      namespace: settings.text('KUBEFLOW_BDD_HELM_NAMESPACE', 'kubeflow-installer'),
      chart: settings.text('KUBEFLOW_BDD_HELM_CHART', 'sandbox/chart/kubeflowinstaller'),
    },
    timeouts: timeoutsOf(settings),
    history: readHistory(settings),
  };
  // Only checked here: support/report/paths.ts reads it as the process starts, and an empty one would put the reports in the working folder.
  settings.text('KUBEFLOW_BDD_REPORTS', REPORTS_DIR);
  settings.finish();
  return config;
}

/** Short, sortable and readable: 20261128-0450-k3f9. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}
