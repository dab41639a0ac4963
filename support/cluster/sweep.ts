import type { KubernetesObject } from '@kubernetes/client-node';
import type { Clients } from './client';
import { describe } from './cleaner';
import { explain, isNotFound } from './errors';
import { KINDS } from './kinds';
import { MANAGED_BY, MANAGED_BY_LABEL, RUN_ID_LABEL } from './labels';

/** Kinds a scenario creates outside its own namespace: in KUBEFLOW_BDD_NAMESPACE when it is set, or cluster-wide (Profiles). */
const SWEPT_KINDS = [
  KINDS.Profile, KINDS.TrainJob, KINDS.PyTorchJob, KINDS.TFJob, KINDS.Notebook, KINDS.PodDefault, KINDS.Pod,
  KINDS.PersistentVolumeClaim, KINDS.Secret, KINDS.ConfigMap, KINDS.ServiceAccount,
];

export interface SweepResult {
  removed: string[];
  problems: string[];
}

export interface SweepScope {
  /** Only this run's leftovers. */
  runId?: string;
  /** Only what was created longer ago than this: a run that old has ended, one way or another. */
  olderThanMs?: number;
}

/**
 * Deletes what earlier runs left behind, found by label: every harness namespace and
 * every labelled object elsewhere.
 */
export async function sweep(clients: Clients, { runId, olderThanMs }: SweepScope = {}): Promise<SweepResult> {
  const cutoff = olderThanMs === undefined ? Infinity : Date.now() - olderThanMs;
  const selector = runId ? `${RUN_ID_LABEL}=${runId}` : `${MANAGED_BY_LABEL}=${MANAGED_BY}`;
  const result: SweepResult = { removed: [], problems: [] };
  const found: KubernetesObject[] = [];
  for (const kind of [KINDS.Namespace, ...SWEPT_KINDS]) {
    try {
      const list = await clients.objects.list(kind.apiVersion, kind.kind, undefined, undefined, undefined, undefined, undefined, selector);
      const old = list.items.filter((item) => new Date(item.metadata?.creationTimestamp ?? 0).getTime() < cutoff);
      found.push(...old.map((item) => ({ ...item, apiVersion: kind.apiVersion, kind: kind.kind })));
    } catch (error) {
      if (isNotFound(error)) continue; // a kind this cluster does not serve
      // The next list would fail the same way: say so once and delete nothing.
      result.problems.push(explain(error, `Listing ${kind.plural} labelled ${selector}`).message);
      return result;
    }
  }
  // Objects inside a namespace that is going anyway need no call of their own.
  const namespaces = new Set(found.filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name));
  for (const object of found.filter((o) => o.kind === 'Namespace' || !namespaces.has(o.metadata?.namespace))) {
    try {
      await clients.objects.delete(object, undefined, undefined, 0, undefined, 'Background');
      result.removed.push(describe(object));
    } catch (error) {
      if (!isNotFound(error)) result.problems.push(explain(error, `Deleting ${describe(object)}`).message);
    }
  }
  return result;
}
