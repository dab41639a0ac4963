// What kubectl checks of the current context before it sends a request (client-go's
// validation), and what it only finds on the way: the context, its cluster and user,
// the files they name and the credential plugin. Each problem names the file and the
// entry at fault, kubectl's own reason, and the fix.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { closestName } from '../closest-name';
import type { Entry, MergedKubeconfig, RawCluster, RawUser } from './kubeconfig-files';
import type { KubeconfigProblem } from './kubeconfig-problem';

/** kubectl's answer where it finds no server to ask: it tries its built-in default. */
export const FALLS_BACK = 'kubectl falls back to http://localhost:8080 and says "The connection to the server localhost:8080 was refused"';

/** What the kubeconfig offers instead, for the reader to pick from. */
const among = (kind: string, names: string[]) => (names.length > 0 ? `its ${kind}s: ${names.join(', ')}` : `it has no ${kind}`);

function noCurrentContext(config: MergedKubeconfig): KubeconfigProblem {
  const contexts = [...config.contexts.keys()];
  return {
    what: `The kubeconfig ${config.read.join(', ')} sets no current-context (${among('context', contexts)})`,
    kubectl: 'kubectl says "current-context is not set"',
    fix: contexts.length > 0 ? `choose one: \`kubectl config use-context ${contexts[0]}\`.` : "point KUBECONFIG at your cluster's kubeconfig, or run `npm run features:sandbox` to use the local sandbox.",
  };
}

function missingContext(config: MergedKubeconfig, current: Entry<string>): KubeconfigProblem {
  const contexts = [...config.contexts.keys()];
  const meant = closestName(current.value, contexts) ?? contexts[0];
  return {
    what: `The kubeconfig ${current.file} sets current-context "${current.value}", which names no context (${among('context', contexts)})`,
    kubectl: `kubectl says "context was not found for specified context: ${current.value}"`,
    fix: meant ? `choose one: \`kubectl config use-context ${meant}\`.` : `define it: \`kubectl config set-context ${current.value} --cluster=<cluster> --user=<user>\`.`,
  };
}

/** A context's cluster or user that is not defined, or a context that names no cluster. */
function missingEntry(kind: 'cluster' | 'user', name: string | undefined, context: string, file: string, defined: string[]): KubeconfigProblem {
  const meant = name ? closestName(name, defined) : defined[0];
  const define = kind === 'cluster' ? `kubectl config set-cluster ${name ?? '<name>'} --server=https://<host>:<port>` : `kubectl config set-credentials ${name} --token=<token>`;
  const fixes = [meant && `\`kubectl config set-context ${context} --${kind}=${meant}\``, `define it: \`${define}\`${name ? '' : `, then \`kubectl config set-context ${context} --${kind}=<name>\``}`];
  return {
    what: `The kubeconfig ${file}: context "${context}" names ${name ? `the ${kind} "${name}", which is not defined` : `no ${kind}`} (${among(kind, defined)})`,
    kubectl: name ? `\`kubectl config view --minify\` says "cannot locate ${kind} ${name}"` : FALLS_BACK,
    fix: `${fixes.filter(Boolean).join(', or ')}.`,
  };
}

/** A file the kubeconfig names that kubectl could not open, in Go's words. */
function unreadable(path: string): { gone: boolean; said: string } | undefined {
  try {
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { gone: code === 'ENOENT', said: `open ${path}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message}` };
  }
}

function fileProblem(file: string, entry: string, field: string, path: string, kubectlSays: (said: string) => string): KubeconfigProblem | undefined {
  const trouble = unreadable(path);
  if (!trouble) return undefined;
  return {
    what: `The kubeconfig ${file}: the ${field} ${path} of ${entry} ${trouble.gone ? 'does not exist' : 'cannot be read by this user'}`,
    kubectl: `kubectl says "${kubectlSays(trouble.said)}"`,
    fix: trouble.gone ? `put the file there, or correct ${field} of ${entry} in ${file}.` : `let this user read it (ls -l ${path}).`,
  };
}

function clusterProblems(name: string, { file, value }: Entry<RawCluster>): KubeconfigProblem[] {
  const problems: KubeconfigProblem[] = [];
  if (!value.server) {
    problems.push({
      what: `The kubeconfig ${file}: cluster "${name}" has no server`,
      kubectl: `kubectl says "no server found for cluster \\"${name}\\""`,
      fix: `give it the API server's address: \`kubectl config set-cluster ${name} --server=https://<host>:<port>\`.`,
    });
  }
  const ca = value['certificate-authority'];
  const unreadableCa = ca && fileProblem(file, `cluster "${name}"`, 'certificate-authority', ca, (said) => `unable to read certificate-authority ${ca} for ${name} due to ${said}`);
  if (unreadableCa) problems.push(unreadableCa);
  return problems;
}

/** Whether a command runs as a credential plugin: a path, or a name found on PATH, that is an executable file. */
function executable(command: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = command.includes('/') ? [command] : (env.PATH ?? '').split(delimiter).filter(Boolean).map((folder) => join(folder, command));
  return candidates.some((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

function execProblem(name: string, { file, value }: Entry<RawUser>, env: NodeJS.ProcessEnv): KubeconfigProblem | undefined {
  const command = value.exec?.command;
  if (!command) {
    return {
      what: `The kubeconfig ${file}: user "${name}" has an exec credential plugin without a command`,
      kubectl: `kubectl says "command must be specified for ${name} to use exec authentication plugin"`,
      fix: `name the plugin in exec.command of user "${name}", or write the kubeconfig again with your cloud's CLI (e.g. \`aws eks update-kubeconfig\`, \`gcloud container clusters get-credentials\`).`,
    };
  }
  if (executable(command, env)) return undefined;
  const hint = value.exec?.installHint?.trim();
  return {
    what: `The kubeconfig ${file}: user "${name}" gets its credentials from the plugin ${command}, which is not installed (${command.includes('/') ? 'no executable file there' : 'not found on PATH'})`,
    kubectl: `kubectl says "exec: executable ${command} not found"`,
    fix: `install ${command}${hint ? ` (${hint.replace(/\s+/g, ' ')})` : ''}, or put the folder that holds it on PATH.`,
  };
}

function userProblems(name: string, user: Entry<RawUser>, env: NodeJS.ProcessEnv): KubeconfigProblem[] {
  const { file, value } = user;
  const entry = `user "${name}"`;
  const cert = value['client-certificate'];
  const key = value['client-key'];
  const tokenFile = value.tokenFile;
  const problems = [
    cert && fileProblem(file, entry, 'client-certificate', cert, (said) => `unable to read client-cert ${cert} for ${name} due to ${said}`),
    key && fileProblem(file, entry, 'client-key', key, (said) => `unable to read client-key ${key} for ${name} due to ${said}`),
    tokenFile && fileProblem(file, entry, 'tokenFile', tokenFile, (said) => said),
    value.exec && execProblem(name, user, env),
  ];
  if ((cert || value['client-certificate-data']) && !(key || value['client-key-data'])) {
    problems.push({
      what: `The kubeconfig ${file}: ${entry} has a client certificate but no key`,
      kubectl: `kubectl says "client-key-data or client-key must be specified for ${name} to use the clientCert authentication method."`,
      fix: `add the certificate's key: \`kubectl config set-credentials ${name} --client-key=<file> --embed-certs\`.`,
    });
  }
  return problems.filter((problem): problem is KubeconfigProblem => Boolean(problem));
}

/** Everything that keeps the current context from reaching its cluster as its user, as kubectl would find it. */
export function checkCurrentContext(config: MergedKubeconfig, env: NodeJS.ProcessEnv): KubeconfigProblem[] {
  const current = config.currentContext;
  if (!current) return [noCurrentContext(config)];
  const context = config.contexts.get(current.value);
  if (!context) return [missingContext(config, current)];
  const { cluster, user } = context.value;
  const clusterEntry = cluster ? config.clusters.get(cluster) : undefined;
  const userEntry = user ? config.users.get(user) : undefined;
  return [
    ...(clusterEntry ? clusterProblems(cluster as string, clusterEntry) : [missingEntry('cluster', cluster, current.value, context.file, [...config.clusters.keys()])]),
    // No user is fine: requests go unauthenticated, as kubectl sends them.
    ...(!user ? [] : userEntry ? userProblems(user, userEntry, env) : [missingEntry('user', user, current.value, context.file, [...config.users.keys()])]),
  ];
}
