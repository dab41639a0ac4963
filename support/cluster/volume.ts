import type { V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import type { KubeflowWorld } from '../world';
import { impossible, met, waiting } from '../wait/verdict';
import { createObjects } from './create';
import { KINDS } from './kinds';
import { loadManifest } from './manifest';

/** The claim's StorageClass binds a volume only once a pod that mounts the claim is scheduled. */
async function bindsOnFirstUse(world: KubeflowWorld, claim: V1PersistentVolumeClaim): Promise<string | undefined> {
  const className = claim.spec?.storageClassName;
  if (!className) return undefined;
  const header = { apiVersion: KINDS.StorageClass.apiVersion, kind: KINDS.StorageClass.kind, metadata: { name: className } };
  const storageClass = (await world.clients.objects.read(header).catch(() => undefined)) as V1StorageClass | undefined;
  return storageClass?.volumeBindingMode === 'WaitForFirstConsumer' ? className : undefined;
}

/**
 * Creates a ReadWriteMany claim in the scenario's namespace and waits until it is Bound,
 * unless its StorageClass binds on first use: then the pods that mount it prove it binds.
 */
export async function createSharedClaim(world: KubeflowWorld, name: string, size: string): Promise<void> {
  const [claim] = loadManifest('storage/rwx-claim.yaml', { name, size }) as V1PersistentVolumeClaim[];
  if (world.config.storageClass) claim.spec = { ...claim.spec, storageClassName: world.config.storageClass };
  const [created] = await createObjects(world, [claim]);
  world.subjects.set(`claim ${name}`, { kind: KINDS.PersistentVolumeClaim, name });
  const lateBinding = await bindsOnFirstUse(world, created);
  if (lateBinding) {
    world.log(`PersistentVolumeClaim ${name} stays Pending until a pod mounts it: StorageClass ${lateBinding} binds volumes on first use (WaitForFirstConsumer).`);
    return;
  }
  await world.waitFor<V1PersistentVolumeClaim>({
    what: `PersistentVolumeClaim ${name} (ReadWriteMany, ${size}) to be Bound`,
    kind: KINDS.PersistentVolumeClaim,
    name,
    timeoutMs: world.config.timeouts.pvcBound,
    evaluate: ([found]) => {
      const phase = found?.status?.phase ?? 'not yet created';
      if (phase === 'Bound') return met();
      if (phase === 'Lost') return impossible(`claim ${name} is Lost: its volume is gone`);
      return waiting(`claim ${name} is ${phase}`);
    },
    diagnose: () =>
      'no PersistentVolume or provisioner satisfies a ReadWriteMany claim of this size: check that the StorageClass ' +
      `(${world.config.storageClass ?? 'the default one'}) supports ReadWriteMany, or set KUBEFLOW_BDD_STORAGE_CLASS.`,
  });
}
