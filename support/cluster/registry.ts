import type { Registry } from '../config';
import type { RegistryLogin } from './docker-config';
import { authorizationFor, loginRefusedError, noLoginError, parseChallenge, unreachableReason, type Challenge } from './registry-auth';

/** What asking a registry takes: where it is, whether it speaks plain HTTP, and the login for it if any. */
type RegistryAccess = Pick<Registry, 'host' | 'insecure' | 'login'>;

/** What a registry answers for a tag: index, OCI or Docker manifest, whichever it holds. */
const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** repository:tag, as a build names its image without the registry. */
export function splitTag(image: string): { repository: string; tag: string } {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/') ? { repository: image.slice(0, colon), tag: image.slice(colon + 1) } : { repository: image, tag: 'latest' };
}

/** The registry an image reference names: its first part when that is a host (a dot, a port, localhost), else docker.io, as docker reads it. */
export function imageRegistry(image: string): string {
  const [first, ...rest] = image.split('/');
  return rest.length > 0 && (/[.:]/.test(first) || first === 'localhost') ? first : 'docker.io';
}

async function askForManifest(registry: RegistryAccess, url: string, timeoutMs: number, authorization?: string): Promise<Response> {
  try {
    return await fetch(url, { method: 'HEAD', headers: { Accept: MANIFEST_TYPES, ...(authorization ? { Authorization: authorization } : {}) }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new Error(
      `Could not reach the registry ${registry.host} (${url}): ${unreachableReason(error)}. ` +
        `Fix: check KUBEFLOW_BDD_REGISTRY${registry.insecure ? '' : ', and set KUBEFLOW_BDD_REGISTRY_INSECURE=true if it speaks plain HTTP'}.`,
    );
  }
}

/** A 401 to the request that carried the login (or the token got with it): what was wrong with it. */
function refusedAgain(host: string, challenge: Challenge, login: RegistryLogin | undefined, image: string): Error {
  // Without a login only Bearer gets this far: the token service gave an anonymous token, which is not enough.
  if (!login) return noLoginError(host, 'Bearer');
  if (challenge.scheme === 'basic') return loginRefusedError(`The registry ${host}`, host, login, 401);
  return new Error(
    `The registry ${host} refused the token its token service gave user "${login.username}" (from ${login.file}) for ${image} (HTTP 401): that user may not pull it. ` +
      'Fix: give the user read access to the repository, or use a login that has it.',
  );
}

/**
 * The digest of the manifest a registry holds for repository:tag, asked the way a
 * node's runtime asks (the distribution API): anonymously first, then, when the
 * registry wants a login, with the configured one (Basic, or a Bearer token from
 * its token service). Errors name the registry, the cause and what to change.
 */
export async function manifestDigest(registry: RegistryAccess, image: string, timeoutMs = 10_000): Promise<string> {
  if (!registry.host) {
    throw new Error('No registry is configured, so the image was not pushed anywhere. Fix: set KUBEFLOW_BDD_REGISTRY to the registry Kaniko pushes to (host[:port]).');
  }
  const { host, login } = registry;
  const { repository, tag } = splitTag(image);
  const url = `${registry.insecure ? 'http' : 'https'}://${host}/v2/${repository}/manifests/${tag}`;
  let response = await askForManifest(registry, url, timeoutMs);
  if (response.status === 401) {
    const challenge = parseChallenge(response.headers.get('www-authenticate'), host);
    response = await askForManifest(registry, url, timeoutMs, await authorizationFor(challenge, { host, login, repository, timeoutMs }));
    if (response.status === 401) throw refusedAgain(host, challenge, login, `${repository}:${tag}`);
  }
  if (response.status === 404) throw new Error(`The registry ${host} holds no image ${repository}:${tag} (HEAD ${url} answered 404).`);
  if (response.status === 403) {
    throw new Error(`The registry ${host} denied ${login ? `user "${login.username}" (from ${login.file})` : 'an anonymous request'} access to ${repository}:${tag} (HTTP 403). Fix: give that user read access to the repository.`);
  }
  const digest = response.headers.get('docker-content-digest');
  if (!response.ok || !digest) throw new Error(`The registry ${host} answered HEAD ${url} with HTTP ${response.status}${digest ? '' : ' and no Docker-Content-Digest'}.`);
  return digest;
}
