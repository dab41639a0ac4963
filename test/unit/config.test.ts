import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseDuration, predictorUrl, PUBLIC_IRIS_MODEL, readConfig, readTimeouts, TIMEOUT_DEFAULTS } from '../../support/config';

test('durations read like people write them', () => {
  assert.equal(parseDuration('90s', 'x'), 90_000);
  assert.equal(parseDuration('1h30m', 'x'), 5_400_000);
  assert.equal(parseDuration('500ms', 'x'), 500);
});

test('a timeout that is not a duration names the variable and the fix', () => {
  assert.throws(() => readTimeouts({ KUBEFLOW_BDD_TIMEOUT_JOB_SUCCEEDED: 'ten minutes' }), /KUBEFLOW_BDD_TIMEOUT_JOB_SUCCEEDED="ten minutes" is not a duration\. Fix: write it like 90s/);
  assert.throws(() => parseDuration('10', 'x'), /not a duration/);
});

test('every timeout has a default and can be overridden', () => {
  const timeouts = readTimeouts({ KUBEFLOW_BDD_TIMEOUT_POD_RUNNING: '5m' });
  assert.equal(timeouts.podRunning, 300_000);
  assert.deepEqual(Object.keys(timeouts).sort(), Object.keys(TIMEOUT_DEFAULTS).sort());
});

test('images, namespace and the installer come from the environment', () => {
  const config = readConfig({ KUBEFLOW_BDD_NAMESPACE: 'team-a', KUBEFLOW_BDD_IMAGE_KANIKO: 'mirror/kaniko:1', KUBEFLOW_BDD_HELM_RELEASE: 'kf' });
  assert.equal(config.namespace, 'team-a');
  assert.equal(config.images.kaniko, 'mirror/kaniko:1');
  assert.equal(config.installer.release, 'kf');
  assert.match(config.runId, /^\d{8}-\d{4}-[a-z0-9]{4}$/);
});

test('a log pattern that is no regular expression, or lacks a capture group, names the variable and the fix', () => {
  assert.throws(() => readConfig({ KUBEFLOW_BDD_ACCURACY_PATTERN: 'acc=([0-9.]+' }), /KUBEFLOW_BDD_ACCURACY_PATTERN="acc=\(\[0-9\.\]\+" is not a regular expression .*Fix: write a JavaScript regular expression/);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_CONVERGENCE_PATTERN: 'loss=(\\S+)' }), /KUBEFLOW_BDD_CONVERGENCE_PATTERN="loss=\(\\S\+\)" has 1 capture group\(s\) and needs 2: the global step, then the cross entropy\. Fix:/);
  assert.equal(readConfig({ KUBEFLOW_BDD_ACCURACY_PATTERN: 'top1 ([0-9.]+)%' }).logPatterns.accuracy.source, 'top1 ([0-9.]+)%');
});

test("the serving settings: a storage URI, a gateway URL with the InferenceService's name and namespace, and a token's ServiceAccount only with a URL", () => {
  const config = readConfig({ KUBEFLOW_BDD_KSERVE_MODEL_URI: PUBLIC_IRIS_MODEL, KUBEFLOW_BDD_KSERVE_URL: 'https://{name}.{namespace}.example.com/', KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT: 'default-editor' });
  assert.deepEqual(config.serving, { modelUri: PUBLIC_IRIS_MODEL, url: 'https://{name}.{namespace}.example.com/', tokenAccount: 'default-editor' });
  assert.equal(predictorUrl(config.serving.url as string, 'sklearn-iris', 'team-a'), 'https://sklearn-iris.team-a.example.com');
  assert.deepEqual(readConfig({}).serving, { modelUri: undefined, url: undefined, tokenAccount: undefined });
  assert.throws(() => readConfig({ KUBEFLOW_BDD_KSERVE_MODEL_URI: '/models/iris' }), /KUBEFLOW_BDD_KSERVE_MODEL_URI="\/models\/iris" is not a storage URI\. Fix: give one KServe's storage initializer reads, for example gs:\/\/kfserving-examples/);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_KSERVE_URL: 'https://{isvc}.example.com' }), /KUBEFLOW_BDD_KSERVE_URL="https:\/\/\{isvc\}\.example\.com" has the placeholder\(s\) \{isvc\}, which the harness does not fill\. Fix: use \{name\} and \{namespace\}/);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_KSERVE_URL: 'gateway.example.com' }), /KUBEFLOW_BDD_KSERVE_URL="gateway\.example\.com" is not an http\(s\) URL\. Fix:/);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT: 'default-editor' }), /KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT is set and KUBEFLOW_BDD_KSERVE_URL, the gateway its token is for, is not\. Fix:/);
});
