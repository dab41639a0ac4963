import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { diagnoseJob, hasSucceeded, type TrainingJob } from '../../support/kubeflow/training-job';

const job = (conditions: { type: string; status: string; reason?: string }[], replicaStatuses = {}): TrainingJob => ({
  apiVersion: 'kubeflow.org/v1',
  kind: 'PyTorchJob',
  metadata: { name: 'mnist' },
  spec: { pytorchReplicaSpecs: { Master: { replicas: 1 }, Worker: { replicas: 2 } } },
  status: { conditions: conditions.map((c, i) => ({ ...c, lastTransitionTime: `2026-01-01T00:00:0${i}Z` })), replicaStatuses },
});

test('a Failed job ends the wait at once with its timeline and replica counts', () => {
  const verdict = hasSucceeded([
    job([{ type: 'Created', status: 'True' }, { type: 'Failed', status: 'True', reason: 'PyTorchJobFailed' }], { Worker: { failed: 1, active: 1 } }),
  ]);
  assert.equal(verdict.kind, 'impossible');
  assert.match(verdict.kind === 'impossible' ? verdict.reason : '', /Failed=True \(PyTorchJobFailed\).*Worker: 1 active, 0 succeeded, 1 failed \(of 2\)/);
});

test('Succeeded is met; anything else keeps waiting', () => {
  assert.equal(hasSucceeded([job([{ type: 'Succeeded', status: 'True' }])]).kind, 'met');
  assert.equal(hasSucceeded([job([{ type: 'Running', status: 'True' }])]).kind, 'waiting');
  assert.equal(hasSucceeded([]).kind, 'waiting');
});

test('a job nobody touched points at the operator', () => {
  assert.match(diagnoseJob([job([])]) ?? '', /no training operator has touched the job/);
});
