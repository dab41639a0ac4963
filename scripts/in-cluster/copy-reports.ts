// Copies a run's reports off the volume the in-cluster Job wrote them to: a short-lived
// pod mounts the volume read-only, and tar streams the run's folder out through exec,
// as `kubectl cp` does.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { V1Pod } from '@kubernetes/client-node';
import type { Clients } from '../../support/cluster/client';
import { collector, execStreaming } from '../../support/cluster/exec';
import { KINDS } from '../../support/cluster/kinds';
import { met, waiting } from '../../support/wait/verdict';
import { waitFor } from '../../support/wait/watch';

export interface Volume {
  namespace: string;
  claim: string;
  image: string;
}

function readerPod(volume: Volume): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: 'kubeflow-bdd-reports-reader-', namespace: volume.namespace, labels: { 'app.kubernetes.io/name': 'kubeflow-bdd-reports-reader' } },
    spec: {
      restartPolicy: 'Never',
      securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      // It lives as long as the copy takes: deleted right after, and gone by itself after an hour.
      containers: [{ name: 'reader', image: volume.image, command: ['sleep', '3600'], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, volumeMounts: [{ name: 'reports', mountPath: '/reports', readOnly: true }] }],
      volumes: [{ name: 'reports', persistentVolumeClaim: { claimName: volume.claim, readOnly: true } }],
    },
  };
}

/** The folder <run id> of the volume, copied into `into`. */
export async function copyReports(clients: Clients, volume: Volume, runId: string, into: string, timeoutMs: number): Promise<void> {
  const pod = await clients.core.createNamespacedPod({ namespace: volume.namespace, body: readerPod(volume) });
  const name = pod.metadata?.name as string;
  try {
    await waitFor<V1Pod>(clients, {
      what: `pod ${name}, which reads the reports volume, to run`,
      kind: KINDS.Pod,
      namespace: volume.namespace,
      name,
      timeoutMs,
      evaluate: ([found]) => (found?.status?.phase === 'Running' ? met() : waiting(`pod ${name} ${found?.status?.phase ?? 'not there yet'}`)),
    });
    mkdirSync(into, { recursive: true });
    const untar = spawn('tar', ['-x', '-C', into], { stdio: ['pipe', 'inherit', 'inherit'] });
    const untarred = new Promise<number>((resolve) => untar.on('close', (code) => resolve(code ?? 1)).on('error', () => resolve(1)));
    const complaint: Buffer[] = [];
    const tar = ['tar', '-C', `/reports/${runId}`, '-cf', '-', '.'];
    const code = await execStreaming(clients, { namespace: volume.namespace, pod: name, container: 'reader' }, tar, untar.stdin, collector(complaint));
    untar.stdin.end();
    if (code !== 0) throw new Error(`Copying /reports/${runId} off the volume ${volume.claim} failed (tar exited ${code}): ${Buffer.concat(complaint).toString().trim()}`);
    if ((await untarred) !== 0) throw new Error(`Unpacking the reports into ${into} failed.`);
  } finally {
    await clients.core.deleteNamespacedPod({ namespace: volume.namespace, name, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
}
