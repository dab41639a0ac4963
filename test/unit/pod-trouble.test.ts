import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { CoreV1Event, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { podTrouble, podWaiting } from '../../support/cluster/pod-trouble';

const pod = (status: Partial<V1ContainerStatus>, limits?: Record<string, string>): V1Pod => ({
  metadata: { name: 'mnist-master-0' },
  spec: { containers: [{ name: 'pytorch', image: 'registry.example/mnist:1', resources: { limits } }] },
  status: { phase: 'Pending', containerStatuses: [{ name: 'pytorch', image: 'registry.example/mnist:1', imageID: '', ready: false, restartCount: 0, ...status }] },
});

test('an image that cannot be pulled is named with the pull error', () => {
  const trouble = podTrouble([pod({ state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.example/mnist:1": not found' } } })]);
  assert.equal(trouble?.reason, 'ImagePullBackOff');
  assert.match(trouble?.sentence ?? '', /the image registry\.example\/mnist:1 of container pytorch of pod mnist-master-0 cannot be pulled \(ImagePullBackOff\): .*not found/);
});

test('a crash loop names the exit code and the restarts', () => {
  const trouble = podTrouble([
    pod({ restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 3, reason: 'Error' } } }),
  ]);
  assert.equal(trouble?.crashed, true);
  assert.match(trouble?.sentence ?? '', /keeps crashing \(CrashLoopBackOff\): it exited 3 \(Error\) and was restarted 2 time\(s\)/);
});

test('OOMKilled names the memory limit, also once the container was restarted', () => {
  const oom = { terminated: { exitCode: 137, reason: 'OOMKilled' } };
  for (const status of [{ state: oom }, { state: { running: {} }, lastState: oom }]) {
    assert.match(podTrouble([pod(status, { memory: '32Mi' })])?.sentence ?? '', /OOMKilled, exit 137, memory limit 32Mi/);
  }
});

test('pods that are starting, running or being deleted are no trouble', () => {
  assert.equal(podTrouble([pod({ state: { waiting: { reason: 'ContainerCreating' } } })]), undefined);
  assert.equal(podTrouble([pod({ state: { running: {} } })]), undefined);
  const deleted = pod({ state: { waiting: { reason: 'CrashLoopBackOff' } } });
  deleted.metadata = { ...deleted.metadata, deletionTimestamp: new Date() };
  assert.equal(podTrouble([deleted]), undefined);
});

test('an evicted pod is named with what its node ran short of', () => {
  const evicted: V1Pod = { metadata: { name: 'mnist-master-0' }, status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' } };
  assert.match(podTrouble([evicted])?.sentence ?? '', /pod mnist-master-0 was evicted by its node: The node was low on resource: memory\. Fix: /);
});

const at = (seconds: number): Date => new Date(Date.UTC(2026, 11, 4, 10, 0, seconds));
const waitingPod = (conditions: V1Pod['status'] = { phase: 'Pending' }): V1Pod => ({ metadata: { name: 'mnist-master-0', uid: 'u1' }, spec: { containers: [] }, status: conditions });
const event = (reason: string, message: string, second: number, uid = 'u1'): CoreV1Event => ({
  metadata: { name: `e-${reason}-${second}` },
  involvedObject: { kind: 'Pod', name: 'mnist-master-0', uid },
  reason,
  message,
  firstTimestamp: at(second),
});

test('a pod the scheduler cannot place waits, in its words, since its first FailedScheduling', () => {
  const waited = podWaiting([waitingPod()], [event('FailedScheduling', '0/3 nodes are available: 1 Insufficient cpu.', 5)]);
  assert.equal(waited?.reason, 'FailedScheduling');
  assert.equal(waited?.since, at(5).getTime());
  assert.match(waited?.sentence ?? '', /pod mnist-master-0 waits because the scheduler cannot place it \(FailedScheduling\): 0\/3 nodes are available: 1 Insufficient cpu$/);
  assert.match(waited?.fix ?? '', /KUBEFLOW_BDD_TIMEOUT_POD_STUCK/);
});

test('a volume the kubelet cannot mount, and a node that is not ready, hold a pod', () => {
  const scheduled = waitingPod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] });
  assert.match(podWaiting([scheduled], [event('FailedMount', 'MountVolume.SetUp failed for volume "c" : secret "x" not found', 3)])?.sentence ?? '', /cannot mount its volumes \(FailedMount\)/);
  const running = waitingPod({ phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }] });
  assert.match(podWaiting([running], [event('NodeNotReady', 'Node is not ready', 9)])?.sentence ?? '', /its node is not ready \(NodeNotReady\)/);
});

test('a pod that has moved on, events of an earlier pod of the same name, and other events hold nothing', () => {
  const placed = waitingPod({ phase: 'Running', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }] });
  assert.equal(podWaiting([placed], [event('FailedScheduling', '0/3 nodes are available', 1), event('FailedMount', 'timed out', 2), event('NodeNotReady', 'Node is not ready', 3)]), undefined);
  assert.equal(podWaiting([waitingPod()], [event('FailedScheduling', '0/3 nodes are available', 1, 'an-earlier-pod')]), undefined);
  assert.equal(podWaiting([waitingPod()], [event('Scheduled', 'Successfully assigned', 1)]), undefined);
});
