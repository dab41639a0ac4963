import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  AppsV1Api,
  CoreV1Api,
  createConfiguration,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  ServerConfiguration,
  VersionApi,
  Watch,
  wrapHttpLibrary,
} from '@kubernetes/client-node';
import { RetryingHttpLibrary } from './retry';

/** The API clients a scenario uses, all made from one kubeconfig. */
export interface Clients {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  objects: KubernetesObjectApi;
  /** For discovery: which kinds a custom API group serves. */
  customObjects: CustomObjectsApi;
  version: VersionApi;
  watch: Watch;
}

export class NoClusterConfiguredError extends Error {
  constructor() {
    super(
      'No cluster is configured: KUBECONFIG is unset or names no file, and ~/.kube/config does not exist.\n' +
        'Fix: point KUBECONFIG at your cluster\'s kubeconfig, or run `npm run features:sandbox` to use the local sandbox.',
    );
    this.name = 'NoClusterConfiguredError';
  }
}

function kubeconfigFiles(env: NodeJS.ProcessEnv): string[] {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter((file) => file !== '');
  return [join(homedir(), '.kube', 'config')];
}

/**
 * Loads the kubeconfig the way kubectl does, but refuses the client library's silent
 * fallback to http://localhost:8080, which would turn "no cluster" into a confusing
 * connection error much later.
 */
export function loadKubeConfig(env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const kubeConfig = new KubeConfig();
  const inCluster = Boolean(env.KUBERNETES_SERVICE_HOST);
  const files = kubeconfigFiles(env).filter((file) => existsSync(file));
  if (files.length === 0 && !inCluster) throw new NoClusterConfiguredError();
  kubeConfig.loadFromDefault();
  if (!kubeConfig.getCurrentCluster()) throw new NoClusterConfiguredError();
  return kubeConfig;
}

/** As KubeConfig.makeApiClient, with the HTTP layer that retries throttling and brief server trouble. */
function apiConfiguration(kubeConfig: KubeConfig) {
  return createConfiguration({
    baseServer: new ServerConfiguration(kubeConfig.getCurrentCluster()?.server as string, {}),
    authMethods: { default: kubeConfig },
    httpApi: wrapHttpLibrary(new RetryingHttpLibrary()),
  });
}

export function makeClients(kubeConfig: KubeConfig = loadKubeConfig()): Clients {
  const configuration = apiConfiguration(kubeConfig);
  return {
    kubeConfig,
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    // Every object the harness sends names its namespace, so no default namespace is needed.
    objects: new KubernetesObjectApi(configuration),
    customObjects: new CustomObjectsApi(configuration),
    version: new VersionApi(configuration),
    watch: new Watch(kubeConfig),
  };
}
