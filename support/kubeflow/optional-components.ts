import type { Clients } from '../cluster/client';
import { KINDS, type KindRef } from '../cluster/kinds';

/**
 * A part of Kubeflow that platforms may leave out. Where its kind is not served,
 * the scenarios of its area (their tag) are skipped with the reason, unless the
 * run requires the area (KUBEFLOW_BDD_REQUIRE).
 */
interface OptionalComponent {
  area: string;
  kind: KindRef;
  /** What the platform lacks when the kind is not served. */
  component: string;
}

const OPTIONAL_COMPONENTS: OptionalComponent[] = [
  { area: 'notebook', kind: KINDS.Notebook, component: "Kubeflow's notebook controller" },
  { area: 'kserve', kind: KINDS.InferenceService, component: 'KServe' },
  { area: 'katib', kind: KINDS.Experiment, component: 'Katib' },
  { area: 'spark', kind: KINDS.SparkApplication, component: 'the Kubeflow Spark Operator' },
];

export const OPTIONAL_AREAS = OPTIONAL_COMPONENTS.map((optional) => optional.area);

/** The kinds of the optional components the cluster serves, by kind name. */
export async function servedOptionalKinds(clients: Clients): Promise<string[]> {
  // Loaded on use: the configuration reads this file's names before a run starts (see training-apis.ts).
  const { servesKind } = await import('../cluster/capabilities');
  const served = await Promise.all(OPTIONAL_COMPONENTS.map((optional) => servesKind(clients, optional.kind)));
  return OPTIONAL_COMPONENTS.filter((_, index) => served[index]).map((optional) => optional.kind.kind);
}

/** Why a scenario does not apply to this platform: it needs a component whose kind is not served. */
export function missingComponentSkipReason(areas: string[], served: string[], required: string[]): string | undefined {
  const missing = OPTIONAL_COMPONENTS.find((optional) => areas.includes(optional.area) && !served.includes(optional.kind.kind) && !required.includes(optional.area));
  if (!missing) return undefined;
  return `this platform serves no ${missing.kind.kind} (${missing.kind.apiVersion}): ${missing.component} is not installed. Set KUBEFLOW_BDD_REQUIRE=${missing.area} to make this a failure.`;
}
