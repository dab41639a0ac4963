import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readConfig } from '../../support/config';
import { expectLogAccuracy, expectLogConverged } from '../../support/kubeflow/log-metrics';

const { logPatterns, crossEntropyMax } = readConfig({});

test("the accuracy of Kubeflow's PyTorch MNIST image (Katib's metric format) and of the older example is read", () => {
  const katib = '2026-11-29T10:00:00Z INFO     {metricName: accuracy, metricValue: 0.8123};{metricName: loss, metricValue: 0.5012}\n';
  expectLogAccuracy(katib, 'Master 0', 0.7, logPatterns.accuracy);
  assert.throws(() => expectLogAccuracy(katib, 'Master 0', 0.95, logPatterns.accuracy), /Master 0 reports an accuracy of 0\.8123, below the threshold 0\.95/);
  expectLogAccuracy('epoch 1\n\naccuracy=0.9721\n\n', 'Master 0', 0.95, logPatterns.accuracy);
});

test('the last accuracy counts, and a log without one names the pattern and the variable that changes it', () => {
  expectLogAccuracy('accuracy=0.10\naccuracy=0.90\n', 'node 0', 0.8, logPatterns.accuracy);
  assert.throws(() => expectLogAccuracy('accuracy=0.90\naccuracy=0.10\n', 'node 0', 0.8, logPatterns.accuracy), /0\.10, below/);
  assert.throws(() => expectLogAccuracy('Test set: Average loss 0.3, Accuracy 91%\n', 'node 0', 0.8, logPatterns.accuracy), /The log of node 0 reports no accuracy: no line matches .*set KUBEFLOW_BDD_ACCURACY_PATTERN\. Its end:\nTest set/);
});

test("the TFJob dist-mnist example's validation is read; nan, too few steps and a model at chance fail", () => {
  // The figure a published run of kubeflow/tf-dist-mnist-test:1.0 reported, against the default threshold.
  const line = 'After 20000 training step(s), validation cross entropy = 2882.02';
  expectLogConverged(line, 'Worker 0', 20000, crossEntropyMax, logPatterns.convergence);
  assert.throws(() => expectLogConverged(line, 'Worker 0', 30000, crossEntropyMax, logPatterns.convergence), /global training steps reported by Worker 0/);
  assert.throws(() => expectLogConverged(line.replace('2882.02', 'nan'), 'Worker 0', 20000, crossEntropyMax, logPatterns.convergence), /validation cross entropy "nan" is a finite number/);
  // A model that learned nothing: 5 000 validation images at ln 10 each.
  assert.throws(
    () => expectLogConverged(line.replace('2882.02', '11512.9'), 'Worker 0', 20000, crossEntropyMax, logPatterns.convergence),
    /Worker 0 reports a validation cross entropy of 11512\.9 after 20000 steps, above the threshold 5000 \(KUBEFLOW_BDD_CROSS_ENTROPY_MAX\): the job ran to the end but the model did not converge/,
  );
  assert.throws(() => expectLogConverged('done\n', 'Worker 0', 1, crossEntropyMax, logPatterns.convergence), /reports no validation cross entropy: .*KUBEFLOW_BDD_CONVERGENCE_PATTERN/);
});
