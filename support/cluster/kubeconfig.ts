// Loads the kubeconfig as kubectl does and checks it before the first request. The
// client library alone would fail later and misleadingly: `spawn <plugin> ENOENT`,
// a certificate's ENOENT at the first request, a silent fallback to
// http://localhost:8080, a tokenFile it does not read. Here each way a kubeconfig
// can be unusable is named with the file and entry at fault, kubectl's reason, and the fix.
import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { httpStatus, isNetworkError } from './errors';
import { checkCurrentContext, FALLS_BACK } from './kubeconfig-checks';
import { readKubeconfig, type MergedKubeconfig, type RawCluster, type RawExec, type RawUser } from './kubeconfig-files';
import { KubeconfigError } from './kubeconfig-problem';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const NO_CLUSTER_FIX = "point KUBECONFIG at your cluster's kubeconfig, or run `npm run features:sandbox` to use the local sandbox.";

/** The file each loaded kubeconfig's current user came from, for a credential plugin that fails at the first request. */
const userFiles = new WeakMap<KubeConfig, string>();

/** Inside a pod without a kubeconfig, its ServiceAccount, as kubectl does there. */
function inClusterConfig(env: NodeJS.ProcessEnv, named: string[]): KubeConfig {
  const where = env.KUBECONFIG ? `KUBECONFIG names ${named.join(', ')}, ${named.length > 1 ? 'none of which exists' : 'which does not exist'}` : `KUBECONFIG is unset and ${named[0]} does not exist`;
  if (!env.KUBERNETES_SERVICE_HOST) {
    throw new KubeconfigError([{ what: `No cluster is configured: ${where}`, kubectl: FALLS_BACK, fix: NO_CLUSTER_FIX }]);
  }
  if (!existsSync(SERVICE_ACCOUNT_TOKEN)) {
    throw new KubeconfigError([
      {
        what: `This pod has no kubeconfig (${where}) and no ServiceAccount token at ${SERVICE_ACCOUNT_TOKEN}`,
        kubectl: `kubectl says "open ${SERVICE_ACCOUNT_TOKEN}: no such file or directory"`,
        fix: 'let the pod mount its ServiceAccount token (automountServiceAccountToken: true), as manifests/in-cluster/ do, or give it a KUBECONFIG.',
      },
    ]);
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromCluster();
  return kubeConfig;
}

/** A user as the client library reads it: it takes the token from token-file, a field kubectl ignores, where kubectl's is tokenFile. */
function libraryUser(user: RawUser): RawUser {
  const copy: RawUser = { ...user };
  delete copy['token-file'];
  if (user.tokenFile) copy['token-file'] = user.tokenFile;
  return copy;
}

/** A cluster as the client library reads it: it refuses a plain-HTTP server (kubectl proxy's, say) unless told to skip TLS verification, which kubectl does not ask for. */
function libraryCluster(cluster: RawCluster): RawCluster {
  return cluster.server?.startsWith('http:') ? { ...cluster, 'insecure-skip-tls-verify': true } : cluster;
}

/** The merged kubeconfig, handed to the client library. */
function toKubeConfig(merged: MergedKubeconfig): KubeConfig {
  const listed = <T>(entries: Map<string, { value: T }>, field: string, adapt = (value: T) => value) => [...entries].map(([name, { value }]) => ({ name, [field]: adapt(value) }));
  const document = {
    'current-context': merged.currentContext?.value,
    contexts: listed(merged.contexts, 'context'),
    clusters: listed(merged.clusters, 'cluster', libraryCluster),
    users: listed(merged.users, 'user', libraryUser),
  };
  const kubeConfig = new KubeConfig();
  // The current context's entries are checked; others kubectl ignores unless used, so the library must not refuse them.
  kubeConfig.loadFromString(JSON.stringify(document), { onInvalidEntry: 'filter' });
  const user = merged.contexts.get(merged.currentContext?.value ?? '')?.value.user;
  const userFile = user ? merged.users.get(user)?.file : undefined;
  if (userFile) userFiles.set(kubeConfig, userFile);
  return kubeConfig;
}

export function loadKubeConfig(env: NodeJS.ProcessEnv = process.env): KubeConfig {
  const { merged, problems: unreadable } = readKubeconfig(env);
  if (merged.read.length === 0) return inClusterConfig(env, merged.named);
  // What the files hold is checked once every file reads as a kubeconfig, as kubectl stops at a file it cannot read.
  const problems = unreadable.length > 0 ? unreadable : checkCurrentContext(merged, env);
  const skipped = merged.named.filter((file) => !merged.read.includes(file));
  // kubectl skips them too, but one may be the file that was meant to define what is missing.
  const note = skipped.length > 0 ? `KUBECONFIG also names ${skipped.join(', ')}, which ${skipped.length > 1 ? 'do not exist; kubectl skips them' : 'does not exist; kubectl skips it'} as well.` : undefined;
  if (problems.length > 0) throw new KubeconfigError(problems, note);
  return toKubeConfig(merged);
}

/**
 * The current user's credential plugin failed when the first request asked it for a
 * token (an expired login, say): the client library reports only the plugin's
 * stderr, without saying it came from the plugin. Undefined for any other error.
 */
export function credentialPluginFailure(kubeConfig: KubeConfig, error: unknown): KubeconfigError | undefined {
  const user = kubeConfig.getCurrentUser();
  const exec = user?.exec as RawExec | undefined;
  if (!user || !exec?.command || httpStatus(error) !== undefined || isNetworkError(error)) return undefined;
  const message = (error instanceof Error ? error.message : String(error)).trim();
  const said = error instanceof SyntaxError ? `it printed no ExecCredential JSON (${message})` : message ? `it said: ${message.replace(/\s*\n\s*/g, ' ')}` : 'it printed nothing on stderr';
  const file = userFiles.get(kubeConfig);
  return new KubeconfigError([
    {
      what: `The kubeconfig ${file ?? 'in use'}: the credential plugin ${exec.command} of user "${user.name}" failed, so no request could be authenticated; ${said}`,
      kubectl: `kubectl fails the same way ("getting credentials: exec: executable ${exec.command} failed")`,
      fix: `run \`${[exec.command, ...(exec.args ?? [])].join(' ')}\` yourself to see what it needs (often a new login, e.g. aws sso login or gcloud auth login), then run again.`,
    },
  ]);
}
