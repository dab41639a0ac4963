import type { Clients } from '../cluster/client';
import { KINDS, type KindRef } from '../cluster/kinds';

/**
 * Kubeflow's two generations of training: platforms up to Kubeflow 1.10 run the
 * Training Operator v1, newer ones only Kubeflow Trainer v2, and some run both.
 */
export interface Generation {
  name: string;
  kinds: KindRef[];
}

export const GENERATIONS: Generation[] = [
  { name: 'the Training Operator v1', kinds: [KINDS.PyTorchJob, KINDS.TFJob] },
  { name: 'Kubeflow Trainer v2', kinds: [KINDS.TrainJob] },
];

/** The area tag of a feature for each training kind, e.g. @pytorchjob; also the name KUBEFLOW_BDD_REQUIRE takes. */
export const areaOf = (kind: KindRef): string => kind.kind.toLowerCase();
export const TRAINING_AREAS = GENERATIONS.flatMap((generation) => generation.kinds.map(areaOf));

/** The training kinds the cluster serves, by kind name. */
export async function servedTrainingKinds(clients: Clients): Promise<string[]> {
  // Loaded on use: the configuration reads this file's names before a run starts, and
  // the client library behind discovery takes most of a second to load.
  const { servesKind } = await import('../cluster/capabilities');
  const kinds = GENERATIONS.flatMap((generation) => generation.kinds);
  const served = await Promise.all(kinds.map((kind) => servesKind(clients, kind)));
  return kinds.filter((_, index) => served[index]).map((kind) => kind.kind);
}

const generationOf = (kind: KindRef): Generation => GENERATIONS.find((generation) => generation.kinds.includes(kind)) as Generation;
const runs = (generation: Generation, served: string[]): boolean => generation.kinds.some((kind) => served.includes(kind.kind));

/** "Kubeflow Trainer v2 (TrainJob) and the Training Operator v1 (PyTorchJob, TFJob)", for the report. */
export function describeTraining(served: string[]): string {
  const running = GENERATIONS.filter((generation) => runs(generation, served));
  if (running.length === 0) return 'none: the cluster serves no Kubeflow training API (no PyTorchJob, TFJob or TrainJob)';
  return running
    .map((generation) => `${generation.name} (${generation.kinds.filter((kind) => served.includes(kind.kind)).map((kind) => kind.kind).join(', ')})`)
    .join(' and ');
}

/**
 * Why a scenario of a training area does not apply to this platform, or nothing
 * when it does: its kind belongs to a generation the platform does not run while
 * it runs the other. A platform with no training at all fails those scenarios, as
 * does one that must have the area (KUBEFLOW_BDD_REQUIRE).
 */
export function trainingSkipReason(areas: string[], served: string[], required: string[]): string | undefined {
  for (const kind of GENERATIONS.flatMap((generation) => generation.kinds)) {
    const area = areaOf(kind);
    if (!areas.includes(area) || required.includes(area)) continue;
    const own = generationOf(kind);
    const other = GENERATIONS.find((generation) => generation !== own && runs(generation, served));
    if (runs(own, served) || !other) continue;
    return `this platform runs ${other.name}; ${kind.kind} needs ${own.name}. Set KUBEFLOW_BDD_REQUIRE=${area} to make this a failure.`;
  }
  return undefined;
}
