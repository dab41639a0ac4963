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
import { loadKubeConfig } from './kubeconfig';
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
