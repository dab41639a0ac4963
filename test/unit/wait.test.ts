import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { makeClients } from '../../support/cluster/client';
import { KINDS } from '../../support/cluster/kinds';
import { hasSucceeded, diagnoseJob, type TrainingJob } from '../../support/kubeflow/training-job';
import { waitFor } from '../../support/wait/watch';
import { fakeApi, status, type Reply } from './fake-api';

const job = (condition: string, resourceVersion: string): TrainingJob => ({
  apiVersion: 'kubeflow.org/v1',
  kind: 'PyTorchJob',
  metadata: { name: 'mnist', namespace: 'team-a', resourceVersion },
  spec: { pytorchReplicaSpecs: { Master: { replicas: 1 } } },
  status: { conditions: [{ type: condition, status: 'True', reason: `PyTorchJob${condition}`, lastTransitionTime: '2026-01-01T00:00:00Z' }] },
});
const list = (item: TrainingJob) => ({ status: 200, body: { kind: 'PyTorchJobList', apiVersion: 'kubeflow.org/v1', metadata: { resourceVersion: item.metadata?.resourceVersion }, items: [item] } });
const discovery = { status: 200, body: { kind: 'APIResourceList', groupVersion: 'kubeflow.org/v1', resources: [{ name: 'pytorchjobs', namespaced: true, kind: 'PyTorchJob', verbs: ['list', 'watch'] }] } };

/** Discovery, then the lists in turn (the last repeats), and watches as given. */
function jobApi(lists: TrainingJob[], watch: (n: number) => Reply) {
  let listed = 0;
  let watched = 0;
  return (request: string): Reply => {
    if (request.endsWith('/apis/kubeflow.org/v1')) return discovery;
    if (request.includes('watch=true')) return watch(watched++);
    return list(lists[Math.min(listed++, lists.length - 1)]);
  };
}

const spec = (timeoutMs: number) => ({
  what: 'PyTorchJob mnist to reach Succeeded',
  kind: KINDS.PyTorchJob,
  namespace: 'team-a',
  name: 'mnist',
  timeoutMs,
  evaluate: hasSucceeded,
  diagnose: diagnoseJob,
});

test('a watch that drops resumes from the last version it saw, and sees the change it missed, without listing again', async () => {
  // The first watch sends one event and drops; the resumed one delivers the change to Succeeded made meanwhile.
  const event = (condition: string, version: string) => ({ status: 200, body: `${JSON.stringify({ type: 'MODIFIED', object: job(condition, version) })}\n` });
  const api = await fakeApi(jobApi([job('Running', '1')], (n) => [event('Running', '2'), event('Succeeded', '3')][n] ?? 'hang'));
  try {
    const [found] = await waitFor<TrainingJob>(makeClients(api.kubeConfig), spec(10_000));
    assert.equal(found.metadata?.resourceVersion, '3');
    const watches = api.requests.filter((r) => r.includes('watch=true'));
    assert.match(watches[1], /resourceVersion=2/);
    assert.equal(api.requests.filter((r) => r.includes('/pytorchjobs') && !r.includes('watch=true')).length, 1);
  } finally {
    await api.close();
  }
});

test('a watch whose version the server no longer keeps (410 Gone) lists again', async () => {
  const gone = { status: 200, body: `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' } })}\n` };
  const api = await fakeApi(jobApi([job('Running', '1'), job('Succeeded', '5')], (n) => (n === 0 ? gone : 'hang')));
  try {
    const [found] = await waitFor<TrainingJob>(makeClients(api.kubeConfig), spec(10_000));
    assert.equal(found.metadata?.resourceVersion, '5');
  } finally {
    await api.close();
  }
});

test('a watch the starting API server refuses (503) or cuts off is started again', async () => {
  const succeeded = { status: 200, body: `${JSON.stringify({ type: 'MODIFIED', object: job('Succeeded', '3') })}\n` };
  const refusals: Reply[] = [status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'), 'drop', succeeded];
  const api = await fakeApi(jobApi([job('Running', '1')], (n) => refusals[n] ?? 'hang'));
  try {
    const [found] = await waitFor<TrainingJob>(makeClients(api.kubeConfig), spec(10_000));
    assert.equal(found.metadata?.resourceVersion, '3');
  } finally {
    await api.close();
  }
});

test('a Failed job ends the wait at once instead of at the timeout', async () => {
  const api = await fakeApi(jobApi([job('Failed', '1')], () => 'hang'));
  const started = Date.now();
  try {
    await assert.rejects(waitFor<TrainingJob>(makeClients(api.kubeConfig), spec(600_000)), /Stopped waiting for PyTorchJob mnist to reach Succeeded: the job Failed and will not succeed/);
    assert.ok(Date.now() - started < 5_000);
  } finally {
    await api.close();
  }
});

test('a timeout says what it waited for, what it saw last and what is most likely wrong', async () => {
  const api = await fakeApi(jobApi([{ ...job('Created', '1'), status: {} }], () => 'hang'));
  try {
    await assert.rejects(
      waitFor<TrainingJob>(makeClients(api.kubeConfig), spec(1_500)),
      /Timed out after 2s waiting for PyTorchJob mnist to reach Succeeded\.\nLast seen: PyTorchJob mnist: no conditions yet; replicas: Master: 0 active, 0 succeeded, 0 failed \(of 1\)\nMost likely: no training operator has touched the job/,
    );
  } finally {
    await api.close();
  }
});
