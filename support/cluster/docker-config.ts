// Registry credentials the way users hold them: a docker config file, as `docker
// login` writes it ({"auths": {"host:port": {"auth": base64(user:password)}}}).
// Read once, when the settings are; messages name the file, never the password.
import { readFileSync } from 'node:fs';

export const REGISTRY_CONFIG_SETTING = 'KUBEFLOW_BDD_REGISTRY_CONFIG';

/** A login for one registry, and the file it came from. */
export interface RegistryLogin {
  username: string;
  password: string;
  file: string;
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** docker writes a registry's key as host[:port], and older clients as https://host/v1/: both name the same registry. */
function hostOf(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

function fixFor(host: string): string {
  return `Fix: give the harness a docker config file of its own with the login inline, as docker login writes it without a credential store: {"auths": {"${host}": {"auth": "<base64 of user:password>"}}}.`;
}

function parse(file: string): DockerConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${REGISTRY_CONFIG_SETTING} names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Fix: give the path of a docker config file.`);
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch {
    throw new Error(`${REGISTRY_CONFIG_SETTING} names ${file}, which is not JSON. Fix: give a docker config file (JSON, as docker login writes it).`);
  }
}

function credentialsOf(entry: AuthEntry, host: string, file: string): { username: string; password: string } {
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    throw new Error(`The login for ${host} in ${file} (${REGISTRY_CONFIG_SETTING}) has an "auth" that is not base64 of user:password. ${fixFor(host)}`);
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  throw new Error(`The entry for ${host} in ${file} (${REGISTRY_CONFIG_SETTING}) holds no user and password ("auth"). ${fixFor(host)}`);
}

/**
 * The login for host in a docker config file. A credential store or helper keeps
 * the password in a program of its own, which the harness cannot run: refused.
 */
export function readRegistryLogin(file: string, host: string): RegistryLogin {
  const config = parse(file);
  const helper = config.credHelpers?.[host];
  if (helper || config.credsStore) {
    const which = helper ? `the credential helper docker-credential-${helper} (credHelpers)` : `the credential store docker-credential-${config.credsStore} (credsStore)`;
    throw new Error(`${file} (${REGISTRY_CONFIG_SETTING}) leaves the login for ${host} to ${which}, a program the harness cannot run. ${fixFor(host)}`);
  }
  const key = Object.keys(config.auths ?? {}).find((name) => hostOf(name) === host);
  if (!key) {
    const known = Object.keys(config.auths ?? {}).map(hostOf).join(', ') || 'none';
    throw new Error(`${file} (${REGISTRY_CONFIG_SETTING}) has no login for ${host}, the registry of KUBEFLOW_BDD_REGISTRY (it has logins for: ${known}). ${fixFor(host)}`);
  }
  return { ...credentialsOf(config.auths?.[key] ?? {}, host, file), file };
}

/** base64 of user:password: a docker config's "auth", and what HTTP Basic sends. */
export const encodedLogin = (login: RegistryLogin): string => Buffer.from(`${login.username}:${login.password}`).toString('base64');

/** A docker config that holds only this login: what a Secret for Kaniko carries, and nothing else of the user's file. */
export function dockerConfigJson(host: string, login: RegistryLogin): string {
  return JSON.stringify({ auths: { [host]: { auth: encodedLogin(login) } } });
}
