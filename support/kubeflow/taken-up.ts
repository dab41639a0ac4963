import type { KubernetesObject } from '@kubernetes/client-node';
import type { KindRef } from '../cluster/kinds';
import { met, waiting } from '../wait/verdict';
import type { KubeflowWorld } from '../world';

/** An object a controller runs, which it reports on in its status. */
type Reported = KubernetesObject & { status?: object };

const hasConditions = (found: Reported): boolean => Boolean((found.status as { conditions?: unknown[] } | undefined)?.conditions?.length);

/**
 * A Kubeflow controller gives an object it runs its first condition (or, for the
 * Spark Operator, a state: hasReported) as soon as it can: one that has none after
 * CONTROLLER_ACTS is named then, with the controller (a training operator, KServe,
 * Katib), not at the object's long timeout.
 */
export function awaitTakenUp<T extends Reported>(
  world: KubeflowWorld,
  controller: string,
  kind: KindRef,
  name: string,
  signal: AbortSignal,
  diagnose: (found: T[]) => string | undefined,
  hasReported: (found: T) => boolean = hasConditions,
): Promise<unknown> {
  return world.waitFor<T>({
    what: `${controller} to take up ${kind.kind} ${name}`,
    kind,
    name,
    timeoutMs: world.config.timeouts.controllerActs,
    signal,
    evaluate: ([found]) => (found && hasReported(found) ? met() : waiting('it has no status yet')),
    diagnose,
  });
}
