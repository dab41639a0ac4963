import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { hasSucceeded, recordedMetricProblem, trialCountProblem, unsuccessfulTrials, type Experiment, type Trial } from '../../support/kubeflow/experiment-status';
import { printedValues } from '../../support/kubeflow/katib';
import { missingComponentSkipReason } from '../../support/kubeflow/optional-components';

const at = '2026-12-04T10:00:00Z';

test("the metric's values are read as Katib's StdOut collector reads them: <name>=<value>, not a longer name's", () => {
  const log = 'epoch=1/1 loss=1.7435 rank=0\nval_loss=9.9\n{metricName: loss, metricValue: 0.5}\nloss = 2e-3';
  assert.deepEqual(printedValues(log, 'loss'), [1.7435, 0.002]);
  assert.deepEqual(printedValues(log, 'accuracy'), []);
});

test('an Experiment that Failed ends the wait at once with its reason and trial counts; one still running waits', () => {
  const failed: Experiment = { status: { trials: 1, trialsFailed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'ExperimentFailed', message: 'Experiment has failed because max failed count has reached', lastTransitionTime: at }] } };
  const verdict = hasSucceeded([failed]);
  assert.equal(verdict.kind, 'impossible');
  assert.match(JSON.stringify(verdict), /the Experiment Failed \(ExperimentFailed: Experiment has failed because max failed count has reached\); 1 trial\(s\): 0 succeeded, 1 failed/);
  assert.equal(hasSucceeded([{ status: { conditions: [{ type: 'Running', status: 'True', lastTransitionTime: at }] } }]).kind, 'waiting');
  assert.equal(hasSucceeded([{ status: { conditions: [{ type: 'Succeeded', status: 'True', lastTransitionTime: at }] } }]).kind, 'met');
});

test('each trial that did not succeed is named with the condition it ended on', () => {
  const trials: Trial[] = [
    { metadata: { name: 'random-a' }, status: { conditions: [{ type: 'Succeeded', status: 'True', reason: 'TrialSucceeded' }] } },
    { metadata: { name: 'random-b' }, status: { conditions: [{ type: 'MetricsUnavailable', status: 'True', reason: 'MetricsUnavailable', message: 'Metrics are not available' }] } },
  ];
  assert.deepEqual(unsuccessfulTrials(trials), [{ name: 'random-b', sentence: 'Trial random-b: MetricsUnavailable (MetricsUnavailable): Metrics are not available' }]);
});

test('a tuning scenario is skipped where Katib is not installed, unless required', () => {
  assert.match(missingComponentSkipReason(['katib'], [], []) ?? '', /this platform serves no Experiment \(kubeflow\.org\/v1beta1\): Katib is not installed\. Set KUBEFLOW_BDD_REQUIRE=katib/);
  assert.equal(missingComponentSkipReason(['katib'], ['Experiment'], []), undefined);
});

test('a Succeeded Experiment whose trials partly failed, or ran none, does not pass for the trials asked', () => {
  const experiment = (status: Experiment['status']): Experiment => ({ metadata: { name: 'random' }, spec: { maxTrialCount: 2 }, status });
  assert.equal(trialCountProblem(experiment({ trials: 2, trialsSucceeded: 2 }), 2), undefined);
  // Katib ends an Experiment Succeeded at its maximum trial count while fewer failed than maxFailedTrialCount.
  assert.equal(
    trialCountProblem(experiment({ trials: 2, trialsSucceeded: 1, trialsFailed: 1 }), 2),
    'Experiment random was to run 2 trial(s) to success (it allows 2); 2 trial(s): 1 succeeded, 1 failed, 0 without metrics.',
  );
  assert.match(trialCountProblem(experiment({}), 2) ?? '', /0 trial\(s\): 0 succeeded/);
  assert.match(trialCountProblem(experiment({ trials: 3, trialsSucceeded: 3 }), 3) ?? '', /it allows 2/);
});

test("the optimal trial's recorded metric must be the last its training printed", () => {
  assert.equal(recordedMetricProblem('loss', '0.2751', [1.93, 0.2751]), undefined);
  assert.equal(recordedMetricProblem('loss', '0.2751', [0.2751, 0.31]), 'Katib records loss=0.2751, but the training printed loss=0.2751, 0.31 (last 0.31).');
  assert.equal(recordedMetricProblem('loss', '0.5', []), 'Katib records loss=0.5, but the training printed no loss.');
  assert.match(recordedMetricProblem('loss', 'unavailable', [0.5]) ?? '', /records loss=unavailable/);
});
