import type { Registry } from '../config';

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

/**
 * The digest of the manifest a registry holds for repository:tag, asked the way a
 * node's runtime asks (the distribution API, anonymously). Errors name the registry
 * and what to change.
 */
export async function manifestDigest(registry: Registry, image: string, timeoutMs = 10_000): Promise<string> {
  if (!registry.host) {
    throw new Error('No registry is configured, so the image was not pushed anywhere. Fix: set KUBEFLOW_BDD_REGISTRY to the registry Kaniko pushes to (host[:port]).');
  }
  const { repository, tag } = splitTag(image);
  const url = `${registry.insecure ? 'http' : 'https'}://${registry.host}/v2/${repository}/manifests/${tag}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'HEAD', headers: { Accept: MANIFEST_TYPES }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `Could not reach the registry ${registry.host} (${url}): ${cause?.code ?? cause?.message ?? (error as Error).message}. ` +
        `Fix: check KUBEFLOW_BDD_REGISTRY${registry.insecure ? '' : ', and set KUBEFLOW_BDD_REGISTRY_INSECURE=true if it speaks plain HTTP'}.`,
    );
  }
  if (response.status === 404) throw new Error(`The registry ${registry.host} holds no image ${repository}:${tag} (HEAD ${url} answered 404).`);
  if (response.status === 401 || response.status === 403) {
    throw new Error(`The registry ${registry.host} refused to show ${repository}:${tag} without credentials (HTTP ${response.status}). Fix: point KUBEFLOW_BDD_REGISTRY at a registry the harness may read anonymously.`);
  }
  const digest = response.headers.get('docker-content-digest');
  if (!response.ok || !digest) throw new Error(`The registry ${registry.host} answered HEAD ${url} with HTTP ${response.status}${digest ? '' : ' and no Docker-Content-Digest'}.`);
  return digest;
}
