// Every KUBEFLOW_BDD_* variable the project reads, in one list. readConfig refuses
// any other, so a misspelt name (REGISTERY for REGISTRY) stops the run instead of
// being ignored while the default runs. A new variable is one line here;
// test/unit/settings.test.ts fails when the code reads a name this list lacks.
import { closestName } from './closest-name';

export const SETTINGS_PREFIX = 'KUBEFLOW_BDD_';

/** The variables, without the timeouts, which support/config.ts derives from its table. */
export const VARIABLES = [
  // What the harness checks and with what (support/config.ts, README's Configuration).
  'KUBEFLOW_BDD_NAMESPACE',
  'KUBEFLOW_BDD_PROFILE_NAMESPACES',
  'KUBEFLOW_BDD_PROFILE_OWNER',
  'KUBEFLOW_BDD_STORAGE_CLASS',
  'KUBEFLOW_BDD_REQUIRE',
  'KUBEFLOW_BDD_TRAINING_RUNTIME',
  'KUBEFLOW_BDD_IMAGE_PYTORCH',
  'KUBEFLOW_BDD_IMAGE_TENSORFLOW',
  'KUBEFLOW_BDD_IMAGE_KANIKO',
  'KUBEFLOW_BDD_IMAGE_KANIKO_BASE',
  'KUBEFLOW_BDD_IMAGE_KANIKO_BASE_INSECURE',
  'KUBEFLOW_BDD_IMAGE_NOTEBOOK',
  'KUBEFLOW_BDD_IMAGE_NOTEBOOK_R',
  'KUBEFLOW_BDD_IMAGE_SHELL',
  'KUBEFLOW_BDD_IMAGE_SPARK',
  'KUBEFLOW_BDD_ACCURACY_PATTERN',
  'KUBEFLOW_BDD_CONVERGENCE_PATTERN',
  'KUBEFLOW_BDD_CROSS_ENTROPY_MAX',
  'KUBEFLOW_BDD_REGISTRY',
  'KUBEFLOW_BDD_REGISTRY_INSECURE',
  'KUBEFLOW_BDD_REGISTRY_CONFIG',
  'KUBEFLOW_BDD_KSERVE_MODEL_URI',
  'KUBEFLOW_BDD_KSERVE_URL',
  'KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT',
  'KUBEFLOW_BDD_HELM_RELEASE',
  'KUBEFLOW_BDD_HELM_NAMESPACE',
  'KUBEFLOW_BDD_HELM_CHART',
  'KUBEFLOW_BDD_RUN_ID',
  'KUBEFLOW_BDD_REPORTS',
  'KUBEFLOW_BDD_HISTORY',
  'KUBEFLOW_BDD_HISTORY_KEEP',
  // The in-cluster runner (scripts/job.ts) and the manifests that start it.
  'KUBEFLOW_BDD_REPORTS_ROOT',
  'KUBEFLOW_BDD_REPORTS_KEEP',
  'KUBEFLOW_BDD_SHARDS',
  'KUBEFLOW_BDD_JOB_NAME',
  'KUBEFLOW_BDD_POD_NAMESPACE',
  // The tools around the harness: the TypeScript loader, the sandbox, the browser tests.
  'KUBEFLOW_BDD_TS_CACHE',
  'KUBEFLOW_BDD_CACHE',
  'KUBEFLOW_BDD_SANDBOX_PORT',
  'KUBEFLOW_BDD_SANDBOX_NODE_IP',
  'KUBEFLOW_BDD_SANDBOX_VOLUMES',
  'KUBEFLOW_BDD_PREREQUISITES_CHECKED',
  'KUBEFLOW_BDD_CHROMIUM',
] as const;

/** One problem per KUBEFLOW_BDD_* variable of the environment that is not among the known ones, with the name most likely meant. */
export function unknownVariables(env: NodeJS.ProcessEnv, known: readonly string[]): string[] {
  const suffixes = known.map((name) => name.slice(SETTINGS_PREFIX.length));
  return Object.keys(env)
    .filter((name) => name.startsWith(SETTINGS_PREFIX) && !known.includes(name))
    .sort()
    .map((name) => {
      const meant = closestName(name.slice(SETTINGS_PREFIX.length), suffixes);
      const fix = meant ? `did you mean ${SETTINGS_PREFIX}${meant}?` : "remove it, or use one of the names in README's Configuration.";
      return `${name} is not a setting of kubeflow-bdd, so it would be ignored. Fix: ${fix}`;
    });
}
