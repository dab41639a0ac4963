import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { podTrouble } from '../../support/cluster/pod-trouble';

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
