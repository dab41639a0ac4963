import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { executorProblem, hasCompleted, type SparkApplication } from '../../support/kubeflow/spark-application-status';
import { piProblem, telling } from '../../support/kubeflow/spark';

test('a SparkApplication that failed to submit or failed ends the wait at once with the operator\'s error; one still running waits', () => {
  const failed: SparkApplication = { status: { applicationState: { state: 'FAILED', errorMessage: 'driver container failed with ExitCode: 1, Reason: Error' }, driverInfo: { podName: 'spark-pi-driver' } } };
  const verdict = hasCompleted([failed]);
  assert.equal(verdict.kind, 'impossible');
  assert.match(JSON.stringify(verdict), /the SparkApplication ended FAILED: driver container failed with ExitCode: 1, Reason: Error\. State: state FAILED; driver spark-pi-driver; executors: none yet/);
  assert.equal(hasCompleted([{ status: { applicationState: { state: 'SUBMISSION_FAILED', errorMessage: 'failed to run spark-submit' } } }]).kind, 'impossible');
  assert.equal(hasCompleted([{ status: { applicationState: { state: 'RUNNING' }, executorState: { 'spark-pi-exec-1': 'RUNNING' } } }]).kind, 'waiting');
  assert.equal(hasCompleted([{ status: { applicationState: { state: 'COMPLETED' } } }]).kind, 'met');
});

test('executors are counted against the instances asked for, each started (the last may not be seen to end)', () => {
  const application = (executorState: Record<string, string>): SparkApplication => ({ metadata: { name: 'spark-pi' }, spec: { executor: { instances: 2 } }, status: { executorState } });
  assert.equal(executorProblem(application({ a: 'COMPLETED', b: 'COMPLETED' })), undefined);
  assert.equal(executorProblem(application({ a: 'RUNNING', b: 'COMPLETED' })), undefined);
  assert.equal(executorProblem(application({ a: 'COMPLETED', b: 'FAILED' })), 'SparkApplication spark-pi asks for 2 executor(s); the operator saw a COMPLETED, b FAILED.');
  assert.equal(executorProblem(application({})), 'SparkApplication spark-pi asks for 2 executor(s); the operator saw none.');
});

test("the driver's estimate of pi passes within the tolerance; a wrong one, or none, fails with expected against actual", () => {
  assert.equal(piProblem('INFO SparkContext: Running Spark\nPi is roughly 3.142520\nINFO done', 0.05), undefined);
  assert.equal(piProblem('Pi is roughly 4.000000', 0.05), 'The driver\'s estimate of pi, expected against actual: 3.14159 ± 0.05, got 4 ("Pi is roughly 4.000000").');
  assert.equal(piProblem('Traceback (most recent call last):', 0.05), 'The driver printed no "Pi is roughly <estimate>" line.');
});

test("a driver's telling lines leave out Spark's INFO lines and Java's stack frames, keeping the program's traceback", () => {
  const log = ['26/12/04 21:30:18 INFO SparkContext: Running Spark version 4.1.1', 'Traceback (most recent call last):', "ValueError: invalid literal for int() with base 10: 'many'", '26/12/04 21:30:19 ERROR Utils: Uncaught exception', '\tat io.netty.Channel.run(Channel.java:1)', '\t... 1 more'].join('\n');
  assert.equal(telling(log), ['Traceback (most recent call last):', "ValueError: invalid literal for int() with base 10: 'many'", '26/12/04 21:30:19 ERROR Utils: Uncaught exception'].join('\n'));
});
