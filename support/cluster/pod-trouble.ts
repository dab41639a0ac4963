import type { V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';

/**
 * What a kubelet reports when a container will not get better by waiting: an image
 * it cannot pull, a program that keeps crashing, a memory limit the program
 * exceeds, a container it cannot create. Waits end on these at once, naming the
 * cause, instead of running into their timeout.
 */
export interface PodTrouble {
  pod: string;
  container: string;
  /** The kubelet's reason: ErrImagePull, CrashLoopBackOff, OOMKilled, ... */
  reason: string;
  /** One sentence naming the container, what happened and the figures that matter. */
  sentence: string;
  /** The container ran and was restarted: its previous log says why it ended. */
  crashed: boolean;
}

const PULL_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
const CREATE_FAILURES = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

function specOf(pod: V1Pod, name: string): V1Container | undefined {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === name);
}

function troubleOf(pod: V1Pod, status: V1ContainerStatus): PodTrouble | undefined {
  const at = { pod: pod.metadata?.name ?? '?', container: status.name };
  const waitingState = status.state?.waiting;
  const ended = status.state?.terminated ?? status.lastState?.terminated;
  const subject = `container ${status.name} of pod ${at.pod}`;
  if (ended?.reason === 'OOMKilled') {
    const limit = specOf(pod, status.name)?.resources?.limits?.memory ?? 'no limit';
    return { ...at, reason: 'OOMKilled', crashed: true, sentence: `${subject} was killed for using more memory than its limit (OOMKilled, exit ${ended.exitCode}, memory limit ${limit})` };
  }
  if (!waitingState?.reason) return undefined;
  const said = waitingState.message ? `: ${waitingState.message}` : '';
  if (PULL_FAILURES.has(waitingState.reason)) {
    const image = specOf(pod, status.name)?.image ?? status.image;
    return { ...at, reason: waitingState.reason, crashed: false, sentence: `the image ${image} of ${subject} cannot be pulled (${waitingState.reason})${said}` };
  }
  if (waitingState.reason === 'CrashLoopBackOff') {
    const exit = ended ? `it exited ${ended.exitCode}${ended.reason ? ` (${ended.reason})` : ''}` : 'it keeps ending';
    return { ...at, reason: 'CrashLoopBackOff', crashed: true, sentence: `${subject} keeps crashing (CrashLoopBackOff): ${exit} and was restarted ${status.restartCount} time(s)` };
  }
  if (CREATE_FAILURES.has(waitingState.reason)) {
    return { ...at, reason: waitingState.reason, crashed: false, sentence: `${subject} cannot be started (${waitingState.reason})${said}` };
  }
  return undefined;
}

/** The first container of these pods in a state it will not leave by waiting. */
export function podTrouble(pods: V1Pod[]): PodTrouble | undefined {
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const trouble = troubleOf(pod, status);
      if (trouble) return trouble;
    }
  }
  return undefined;
}
