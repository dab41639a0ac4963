import type { CoreV1Event, V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';

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

/** A node that ran short of memory or disk evicts a pod: it ends Failed and is not run again. */
function evicted(pod: V1Pod): PodTrouble | undefined {
  if (pod.status?.phase !== 'Failed' || pod.status.reason !== 'Evicted') return undefined;
  const name = pod.metadata?.name ?? '?';
  const said = (pod.status.message ?? 'no message').replace(/\.$/, '');
  const sentence = `pod ${name} was evicted by its node: ${said}. Fix: give its containers requests that cover what they use, or free the node's resources`;
  return { pod: name, container: '', reason: 'Evicted', crashed: false, sentence };
}

/** The first container of these pods in a state it will not leave by waiting. */
export function podTrouble(pods: V1Pod[]): PodTrouble | undefined {
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const eviction = evicted(pod);
    if (eviction) return eviction;
    for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const trouble = troubleOf(pod, status);
      if (trouble) return trouble;
    }
  }
  return undefined;
}

/**
 * A pod that waits on something outside it, which may still come: a node to run on
 * (a cluster autoscaler may add one), a volume to attach and mount, its node to be
 * ready again. Named at once; a wait gives it a while (POD_STUCK) before it ends.
 */
export interface PodWaiting {
  pod: string;
  /** The scheduler's, kubelet's or node controller's reason: FailedScheduling, FailedMount, ... */
  reason: string;
  /** The pod and what holds it, in the component's own words. */
  sentence: string;
  fix: string;
  /** Since when (ms since the epoch), by the cluster's clock. */
  since: number;
}

const scheduled = (pod: V1Pod): boolean => (pod.status?.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.status === 'True');
const ready = (pod: V1Pod): boolean => (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const unfinished = (pod: V1Pod): boolean => !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '');

/** What each event says of the pod, and while the pod's own state says it still holds. */
const HELD_BY: Record<string, { holds: (pod: V1Pod) => boolean; what: string; fix: string }> = {
  FailedScheduling: {
    holds: (pod) => !scheduled(pod) && unfinished(pod),
    what: 'the scheduler cannot place it',
    fix: 'make room for it or change what it asks for (requests, node selector, affinity, tolerations); where a cluster autoscaler adds nodes, give it longer with KUBEFLOW_BDD_TIMEOUT_POD_STUCK',
  },
  FailedAttachVolume: {
    holds: (pod) => pod.status?.phase === 'Pending',
    what: 'a volume cannot be attached to its node',
    fix: "check the claim's PersistentVolume and its storage driver on that node",
  },
  FailedMount: {
    holds: (pod) => pod.status?.phase === 'Pending',
    what: 'the kubelet cannot mount its volumes',
    fix: 'check the volumes it names: each claim bound and of an access mode the node may use, each secret and config map there',
  },
  NodeNotReady: {
    holds: (pod) => !ready(pod) && unfinished(pod),
    what: 'its node is not ready',
    fix: 'check the node (kubectl describe node): its kubelet may have stopped or lost the network',
  },
};

const eventTime = (event: CoreV1Event): number => {
  const at = event.firstTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp;
  return at ? new Date(at).getTime() : 0;
};

/** The pod of these that has waited longest on something outside it, from its events (newest reason counts). */
export function podWaiting(pods: V1Pod[], events: CoreV1Event[]): PodWaiting | undefined {
  const found: PodWaiting[] = [];
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const name = pod.metadata?.name ?? '?';
    const own = events
      .filter((event) => event.involvedObject?.name === name && event.involvedObject.uid === pod.metadata?.uid && event.reason && event.reason in HELD_BY)
      .sort((a, b) => eventTime(b) - eventTime(a))[0];
    const held = own && HELD_BY[own.reason as string];
    if (!own || !held?.holds(pod)) continue;
    const node = pod.spec?.nodeName ? ` (node ${pod.spec.nodeName})` : '';
    const said = (own.message ?? 'no message').trim().replace(/\.$/, '');
    const sentence = `pod ${name}${node} waits because ${held.what} (${own.reason}): ${said}`;
    found.push({ pod: name, reason: own.reason as string, sentence, fix: held.fix, since: eventTime(own) });
  }
  return found.sort((a, b) => a.since - b.since)[0];
}
