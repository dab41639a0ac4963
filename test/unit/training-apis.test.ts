import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readConfig } from '../../support/config';
import { describeTraining, trainingSkipReason } from '../../support/kubeflow/training-apis';

const BOTH = ['PyTorchJob', 'TFJob', 'TrainJob'];
const V1_ONLY = ['PyTorchJob', 'TFJob'];
const V2_ONLY = ['TrainJob'];

test('a training scenario runs where its generation is served, and where no training is served at all (to fail)', () => {
  assert.equal(trainingSkipReason(['pytorchjob'], BOTH, []), undefined);
  assert.equal(trainingSkipReason(['trainjob'], BOTH, []), undefined);
  assert.equal(trainingSkipReason(['pytorchjob'], [], []), undefined);
  assert.equal(trainingSkipReason(['trainjob'], [], []), undefined);
  // One v1 kind missing is a broken v1 install, not another generation.
  assert.equal(trainingSkipReason(['tfjob'], ['PyTorchJob', 'TrainJob'], []), undefined);
  assert.equal(trainingSkipReason(['notebook'], V2_ONLY, []), undefined);
});

test('a scenario of the generation the platform lacks is skipped with the reason, unless required', () => {
  assert.equal(
    trainingSkipReason(['upgrade', 'pytorchjob'], V2_ONLY, []),
    'this platform runs Kubeflow Trainer v2; PyTorchJob needs the Training Operator v1. Set KUBEFLOW_BDD_REQUIRE=pytorchjob to make this a failure.',
  );
  assert.match(trainingSkipReason(['trainjob'], V1_ONLY, []) ?? '', /^this platform runs the Training Operator v1; TrainJob needs Kubeflow Trainer v2/);
  assert.equal(trainingSkipReason(['pytorchjob'], V2_ONLY, ['pytorchjob']), undefined);
  assert.match(trainingSkipReason(['tfjob'], V2_ONLY, ['pytorchjob']) ?? '', /TFJob needs/);
});

test('the report names the generations the platform runs', () => {
  assert.equal(describeTraining(BOTH), 'the Training Operator v1 (PyTorchJob, TFJob) and Kubeflow Trainer v2 (TrainJob)');
  assert.equal(describeTraining(['TFJob']), 'the Training Operator v1 (TFJob)');
  assert.match(describeTraining([]), /^none: the cluster serves no Kubeflow training API/);
});

test('KUBEFLOW_BDD_REQUIRE takes known training areas and names the ones it does not know', () => {
  assert.deepEqual(readConfig({ KUBEFLOW_BDD_REQUIRE: 'PyTorchJob, trainjob' }).require, ['pytorchjob', 'trainjob']);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_REQUIRE: 'pytorchjob,mpijob' }), /KUBEFLOW_BDD_REQUIRE names mpijob, which the harness does not know\. Fix: list some of pytorchjob, tfjob, trainjob/);
});
