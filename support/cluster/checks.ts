import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import { expect } from 'chai';
import type { KubeflowWorld } from '../world';
import { guardedByPods } from '../wait/guards';
import { impossible, met, waiting, type Verdict } from '../wait/verdict';
import { KINDS, kindOf, type KindRef } from './kinds';
import { readLog } from './logs';
import { podTrouble } from './pod-trouble';
import { diagnosePods, podSummary } from './pods';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

type WithConditions = KubernetesObject & { status?: { conditions?: Condition[] } };

/** Creates what a manifest holds and shows each object in the evidence if the scenario fails. */
export async function createWithEvidence(world: KubeflowWorld, file: string): Promise<void> {
  for (const object of await world.create(file)) {
    const kind = kindOf(object);
    if (kind) world.subjects.set(`${object.kind} ${object.metadata?.name}`, { kind, name: object.metadata?.name as string });
  }
}

/** Conditions that, once True, mean an object will not reach any other goal. */
const FINAL_CONDITIONS = ['Failed'];

function conditionReached(type: string) {
  return ([object]: WithConditions[]): Verdict => {
    if (!object) return waiting('the object does not exist (yet)');
    const conditions = object.status?.conditions ?? [];
    const summary = conditions.map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`).join(', ') || 'no conditions';
    if (conditions.some((c) => c.type === type && c.status === 'True')) return met();
    const final = conditions.find((c) => FINAL_CONDITIONS.includes(c.type) && c.type !== type && c.status === 'True');
    if (final) return impossible(`${final.type}: ${final.message ?? final.reason ?? ''} (conditions: ${summary})`);
    return waiting(summary);
  };
}

export async function awaitCondition(world: KubeflowWorld, kind: KindRef, name: string, type: string): Promise<void> {
  world.subjects.set(name, { kind, name });
  await world.waitFor<WithConditions>({
    what: `${kind.kind} ${name} to have the condition ${type}`,
    kind,
    name,
    timeoutMs: world.config.timeouts.jobSucceeded,
    evaluate: conditionReached(type),
  });
}

/** Pods never leave Succeeded or Failed. */
const FINAL_PHASES = ['Succeeded', 'Failed'];

/** Ends at once when the pod ends in the other phase or is stuck; after POD_STUCK when it waits for a node or a volume. */
export async function awaitPodPhase(world: KubeflowWorld, name: string, phase: string, timeoutMs?: number): Promise<V1Pod> {
  const what = `pod ${name} to be ${phase}`;
  const limit = timeoutMs ?? (phase === 'Running' ? world.config.timeouts.podRunning : world.config.timeouts.jobSucceeded);
  const [pod] = await guardedByPods({ ...world.guard(what, limit), podName: name }, (signal) =>
    world.waitFor<V1Pod>({
      what,
      kind: KINDS.Pod,
      name,
      timeoutMs: limit,
      signal,
      evaluate: ([found]) => {
        if (!found) return waiting(`pod ${name} does not exist (yet)`);
        const current = found.status?.phase ?? 'Unknown';
        if (current === phase) return met();
        if (FINAL_PHASES.includes(current)) return impossible(`pod ${podSummary(found)} ended ${current} and will never be ${phase}`);
        const trouble = podTrouble([found]);
        return trouble ? impossible(trouble.sentence) : waiting(podSummary(found));
      },
      diagnose: diagnosePods,
    }),
  );
  return pod;
}

export async function expectPodLogContains(world: KubeflowWorld, pod: string, text: string, container?: string): Promise<void> {
  const log = await readLog(world.clients, { namespace: world.namespace, pod, container });
  expect(log, `the log of pod ${pod}${container ? ` container ${container}` : ''}`).to.include(text);
}
