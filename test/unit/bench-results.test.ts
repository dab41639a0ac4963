import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { benchExitCode, formatTable, holdWrongAnswers, percentile, type Figure } from '../../bench/results';

const harness = (p95: number, wrong = 0): Figure => ({ measure: 'Failed noticed', tool: 'kubeflow-bdd waitFor, PyTorchJob', samples: 10, p50: 20, p95, unit: 'ms', goal: 'p95 <= 1 s', met: p95 <= 1000, wrong });

test('a wait that answered wrongly or timed out counts as never in the percentiles', () => {
  assert.equal(percentile([10, 20, Number.POSITIVE_INFINITY], 0.95), Number.POSITIVE_INFINITY);
  assert.match(formatTable([{ ...harness(Number.POSITIVE_INFINITY, 1) }]), /10 \(1 wrong\)\s+20 ms\s+never/);
});

test('a wrong answer fails its figure, a peer without a goal too, and the bench in either mode', () => {
  const [ours, peer] = holdWrongAnswers([harness(30, 1), { measure: 'wait resolution', tool: 'kubectl wait, PyTorchJob', samples: 30, p50: 22, p95: 34, unit: 'ms', wrong: 2 }]);
  assert.equal(ours.met, false);
  assert.deepEqual([peer.goal, peer.met], ['every answer right', false]);
  assert.equal(benchExitCode([ours], true), 1);
  assert.equal(benchExitCode([peer], false), 1);
});

test('the short mode shows a slow p95 without failing on it; the full mode fails', () => {
  const slow = holdWrongAnswers([harness(1500)]);
  assert.equal(benchExitCode(slow, true), 0);
  assert.equal(benchExitCode(slow, false), 1);
  assert.equal(benchExitCode(holdWrongAnswers([harness(30)]), false), 0);
});
