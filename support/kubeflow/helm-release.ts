import { gunzipSync } from 'node:zlib';
import type { Clients } from '../cluster/client';
import { explain } from '../cluster/errors';
import type { Installer } from '../config';

export interface ReleaseState {
  revision: number;
  status: string;
  chart: string;
}

/**
 * Reads a Helm 3 release from its storage Secrets (owner=helm), so checks of a
 * platform upgraded by someone else need no helm binary.
 */
export async function readRelease(clients: Clients, installer: Installer): Promise<ReleaseState> {
  let secrets;
  try {
    secrets = await clients.core.listNamespacedSecret({
      namespace: installer.namespace,
      labelSelector: `owner=helm,name=${installer.release}`,
    });
  } catch (error) {
    throw explain(error, `Reading Helm release ${installer.release} in namespace ${installer.namespace}`);
  }
  const latest = secrets.items.sort((a, b) => Number(b.metadata?.labels?.version) - Number(a.metadata?.labels?.version))[0];
  if (!latest) {
    throw new Error(
      `Helm release ${installer.release} does not exist in namespace ${installer.namespace}.\n` +
        'Fix: set KUBEFLOW_BDD_HELM_RELEASE and KUBEFLOW_BDD_HELM_NAMESPACE to the release that installed your platform.',
    );
  }
  return {
    revision: Number(latest.metadata?.labels?.version),
    status: latest.metadata?.labels?.status ?? 'unknown',
    chart: chartOf(latest.data?.release),
  };
}

/** The release payload is base64 (Secret) of base64 of gzipped JSON. */
function chartOf(payload: string | undefined): string {
  if (!payload) return 'unknown';
  try {
    const inner = Buffer.from(Buffer.from(payload, 'base64').toString('utf8'), 'base64');
    const release = JSON.parse(gunzipSync(inner).toString('utf8')) as { chart?: { metadata?: { name?: string; version?: string } } };
    return `${release.chart?.metadata?.name}-${release.chart?.metadata?.version}`;
  } catch {
    return 'unknown';
  }
}
