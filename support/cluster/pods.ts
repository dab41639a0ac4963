import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { impossible, met, waiting, type Verdict } from '../wait/verdict';
import { podTrouble } from './pod-trouble';

function containerState(status: V1ContainerStatus): string {
  const { running, waiting: wait, terminated } = status.state ?? {};
  if (terminated) return `${status.name} terminated (exit ${terminated.exitCode}${terminated.reason ? `, ${terminated.reason}` : ''})`;
  if (wait) return `${status.name} waiting (${wait.reason ?? 'no reason'}${wait.message ? `: ${wait.message}` : ''})`;
  if (running) return `${status.name} running`;
  return `${status.name} unknown`;
}

/** "mnist-master-0 Running [pytorch running]" */
export function podSummary(pod: V1Pod): string {
  const containers = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const unscheduled = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False');
  const detail = containers.length ? containers.map(containerState).join(', ') : unscheduled?.message ?? 'no container status';
  return `${pod.metadata?.name} ${pod.status?.phase ?? 'Unknown'} [${detail}]`;
}

export function podsSummary(pods: V1Pod[]): string {
  return pods.length ? pods.map(podSummary).join('; ') : 'no pods';
}

export const isReady = (pod: V1Pod): boolean =>
  (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** At least `count` pods exist and are Running and Ready; a pod that Failed ends the wait. */
export function podsRunning(count: number) {
  return (pods: V1Pod[]): Verdict => {
    const failed = pods.find((pod) => pod.status?.phase === 'Failed');
    if (failed) return impossible(`pod ${podSummary(failed)} failed and will not run again`);
    const trouble = podTrouble(pods);
    if (trouble) return impossible(trouble.sentence);
    const running = pods.filter((pod) => pod.status?.phase === 'Running' && isReady(pod));
    return running.length >= count ? met() : waiting(`${running.length} of ${count} running and ready: ${podsSummary(pods)}`);
  };
}

/** At least `count` pods exist, in any phase. */
export function podsExist(count: number) {
  return (pods: V1Pod[]): Verdict => {
    if (pods.length >= count) return met();
    const trouble = podTrouble(pods);
    return trouble ? impossible(trouble.sentence) : waiting(`${pods.length} of ${count} pods exist: ${podsSummary(pods)}`);
  };
}

/** The most likely reason pods are not where they should be, for a timeout message. */
export function diagnosePods(pods: V1Pod[]): string | undefined {
  if (pods.length === 0) return 'no pod was created: check that the controller that owns them is running, and the namespace events.';
  const pending = pods.find((pod) => pod.status?.phase === 'Pending');
  if (!pending) return undefined;
  const unscheduled = (pending.status?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) return `pod ${pending.metadata?.name} cannot be scheduled: ${unscheduled.message ?? unscheduled.reason}`;
  return `pod ${podSummary(pending)} is still Pending: see its events.`;
}
