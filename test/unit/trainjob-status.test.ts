import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { hasCompleted, trainerRefusal, type TrainJob } from '../../support/kubeflow/trainjob-status';

const trainJob = (status: TrainJob['status']): TrainJob => ({ apiVersion: 'trainer.kubeflow.org/v1alpha1', kind: 'TrainJob', metadata: { name: 'mnist' }, status });

test('a TrainJob that Failed ends the wait with the reason, the message and the per-job counts', () => {
  const verdict = hasCompleted([
    trainJob({
      conditions: [{ type: 'Failed', status: 'True', reason: 'FailedJobs', message: 'jobset failed due to one or more job failures (first failed job: mnist-node-0)' }],
      jobsStatus: [{ name: 'node', active: 0, ready: 0, succeeded: 0, failed: 1 }],
    }),
  ]);
  assert.equal(verdict.kind, 'impossible');
  assert.match(verdict.kind === 'impossible' ? verdict.reason : '', /Failed \(FailedJobs: jobset failed due to .*mnist-node-0\)\) and will not complete\. Jobs: node: 0 active, 0 ready, 0 succeeded, 1 failed/);
});

test('Complete is met; a TrainJob without conditions is still running', () => {
  assert.equal(hasCompleted([trainJob({ conditions: [{ type: 'Complete', status: 'True', reason: 'AllJobsCompleted' }] })]).kind, 'met');
  assert.equal(hasCompleted([trainJob({ jobsStatus: [{ name: 'node', active: 1 }] })]).kind, 'waiting');
});

test("the Trainer's event about a JobSet it could not create names the webhook's server", () => {
  const said = trainerRefusal({
    type: 'Warning',
    reason: 'TrainJobResourcesCreationFailed',
    message: 'TrainJob resources reconciliation failed: failed calling webhook "mjobset.kb.io": connection refused',
    involvedObject: {},
    metadata: {},
  });
  assert.match(said ?? '', /could not create the TrainJob's JobSet[\s\S]*Fix: check that the JobSet controller runs/);
  assert.equal(trainerRefusal({ type: 'Normal', reason: 'Created', involvedObject: {}, metadata: {} }), undefined);
});
