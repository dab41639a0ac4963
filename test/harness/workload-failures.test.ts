// Negative tests whose scenarios fail by their own workload or input (a training that learns nothing, an image that
// does not exist, a namespace that refuses pods, a wrong password, an interrupted run) on a platform left as it is,
// and check that the right scenario fails, fast, with a message that names the cause, that the others still pass,
// and that nothing is left. They break nothing shared, so they run three at a time, as a nightly runs features.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type Cluster, KubeConfig } from '@kubernetes/client-node';
import { RUN_ID_LABEL } from '../../support/cluster/labels';
import { sandboxEnvironment } from '../../scripts/sandbox-env';
import { allFiles, HARNESS_FEATURES, HARNESS_STEPS, kubectl, reportFiles, ROOT, runFeatures, SANDBOX_KUBECONFIG, scenarioStatuses, scenarioUnderWay, tokenKubeconfig } from './run';
import { assertClean, assertNoSecrets, failedLongBeforeTheTimeout, readable } from './verdicts';

describe('scenarios that fail by their own workload or input, on a platform left as it is', { concurrency: 3 }, () => {
  test('a PyTorchJob or TFJob whose workers fail ends its scenario within seconds, with the timeline and replica counts', async () => {
    const run = await runFeatures(['--tags', '@failing-job', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /the job Failed and will not succeed\. PyTorchJob pytorch-dist-mnist-gloo: .*Failed=True/);
    assert.match(run.output, /Worker: \d active, 0 succeeded, 1 failed \(of 1\)/);
    assert.match(run.output, /the job Failed and will not succeed\. TFJob dist-mnist-for-e2e-test: .*Failed=True/);
    assert.match(run.output, /Worker: \d active, 0 succeeded, [12] failed \(of 2\)/);
    failedLongBeforeTheTimeout(run, ['A PyTorchJob whose worker fails', 'A TFJob whose workers fail']);
    await assertClean(run);
  });

  test('real failures on the real node end their scenario within seconds, naming the cause', async () => {
    const run = await runFeatures(['--tags', '@real-failure', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Master 0 reports an accuracy of 0\.\d+, below the threshold 0\.7:/);
    assert.match(run.output, /node 0 of TrainJob pytorch-mnist reports an accuracy of 0\.\d+, below the threshold 0\.7:/);
    assert.match(run.output, /the image \S+-missing of container pytorch of pod pytorch-dist-mnist-gloo-master-0 cannot be pulled \((ErrImagePull|ImagePullBackOff)\)/);
    assert.match(run.output, /container pytorch of pod pytorch-dist-mnist-gloo-master-0 keeps crashing \(CrashLoopBackOff\): it exited 3 \(Error\)[\s\S]*the master crashes on purpose/);
    assert.match(run.output, /container pytorch of pod pytorch-dist-mnist-gloo-master-0 was killed for using more memory than its limit \(OOMKilled, exit 137, memory limit 40Mi\)/);
    assert.match(run.output, /validation cross entropy "nan" is a finite number/);
    assert.match(run.output, /Worker 0 reports a validation cross entropy of [\d.]+ after 20\d steps, above the threshold 0\.5 \(KUBEFLOW_BDD_CROSS_ENTROPY_MAX\): the job ran to the end but the model did not converge/);
    failedLongBeforeTheTimeout(run, [
      'A TFJob that diverges',
      'A TFJob that learns nothing',
      'A TrainJob that learns nothing',
      'A PyTorchJob that trains badly',
      'A PyTorchJob whose image does not exist',
      'A PyTorchJob whose master exits 3 and restarts',
      "A PyTorchJob whose master's memory limit is too small",
    ]);
    await assertClean(run);
  });

  test('pods that wait for a node or a volume are named at once and end their scenario after POD_STUCK, in the words of the scheduler or the kubelet', async () => {
    const run = await runFeatures(['--tags', '@waiting-pod', HARNESS_FEATURES], { env: { KUBEFLOW_BDD_TIMEOUT_POD_STUCK: '15s' } });
    assert.equal(run.code, 1, run.output);
    // Named in the progress line as soon as the scheduler or kubelet says so.
    assert.match(run.output, /\] PyTorchJob pytorch-dist-mnist-gloo to reach Succeeded: pod pytorch-dist-mnist-gloo-master-0 waits because the scheduler cannot place it \(FailedScheduling\): 0\/\d nodes are available: .*Insufficient cpu.* \(the wait ends in/);
    assert.match(run.output, /Stopped waiting for PyTorchJob pytorch-dist-mnist-gloo to reach Succeeded: pod pytorch-dist-mnist-gloo-master-0 waits because the scheduler cannot place it \(FailedScheduling\): .*Insufficient cpu.*\. It waited 15s for that to change \(KUBEFLOW_BDD_TIMEOUT_POD_STUCK\)\.\s+Fix: make room for it/);
    assert.match(run.output, /pod pytorch-dist-mnist-gloo-master-0 \(node [\d.]+\) waits because the kubelet cannot mount its volumes \(FailedMount\): MountVolume\.SetUp failed for volume "credentials" : secret "no-such-secret" not found/);
    assert.match(run.output, /Stopped waiting for pod unplaceable to be Running: pod unplaceable waits because the scheduler cannot place it \(FailedScheduling\): .*node affinity\/selector/);
    failedLongBeforeTheTimeout(run, ['A PyTorchJob whose master no node can hold', 'A PyTorchJob whose master mounts a secret that does not exist', 'A pod that no node matches']);
    await assertClean(run);
  });

  test('a TrainJob whose nodes fail ends its scenario within seconds, naming the crash and what the node printed', async () => {
    const run = await runFeatures(['--tags', '@failing-trainjob', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /container node of pod pytorch-mnist-node-0-\d-\w+ keeps crashing \(CrashLoopBackOff\): it exited 2 \(Error\)[\s\S]*argument --epochs: must be >= 1/);
    failedLongBeforeTheTimeout(run, ['A TrainJob whose nodes fail']);
    await assertClean(run);
  });

  test('KServe: a model that learned nothing (v1 and v2 protocols), a server without its model, a server that crashes and a storage URI that does not exist each fail long before the timeout, naming the cause', async () => {
    const run = await runFeatures(['--tags', '@kserve-failure', HARNESS_FEATURES], { env: { KUBEFLOW_BDD_KSERVE_MODEL_URI: 'https://models.kubeflow-bdd.invalid/iris/model.joblib' } });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /the classes InferenceService sklearn-iris predicts for \[\[6\.8,2\.8,4\.8,1\.4\],\[6,3\.4,4\.5,1\.6\]\] \(v1 protocol\), expected against actual: expected \[ \+0, \+0 \] to deeply equal \[ 1, 1 \]/);
    assert.match(run.output, /the classes InferenceService sklearn-iris predicts for \[\[6\.8,2\.8,4\.8,1\.4\],\[6,3\.4,4\.5,1\.6\]\] \(Open Inference Protocol\), expected against actual: expected \[ \+0, \+0 \] to deeply equal \[ 1, 1 \]/);
    assert.match(run.output, /POST v1\/models\/sklearn-iris:predict to InferenceService sklearn-iris through the API server's service proxy answered HTTP 404: \{"error":"Model with name sklearn-iris does not exist\."\}/);
    assert.match(run.output, /Stopped waiting for InferenceService sklearn-iris to be Ready: container kserve-container of pod sklearn-iris-predictor-\S+ keeps crashing \(CrashLoopBackOff\): it exited 1 \(Error\)[\s\S]*Its last lines:[\s\S]*pickle/);
    assert.match(run.output, /Stopped waiting for InferenceService sklearn-iris to be Ready: KServe could not load the model \(BlockedByFailedLoad\): ModelLoadFailed, exit 1: [\s\S]*Storage initialization failed: Failed to connect to HTTP endpoint 'models\.kubeflow-bdd\.invalid'/);
    failedLongBeforeTheTimeout(run, [
      'An InferenceService of a model that learned nothing',
      'An InferenceService of a model that learned nothing, asked in the Open Inference Protocol',
      'An InferenceService whose model server finds no model',
      'An InferenceService whose model server crashes',
      'An InferenceService whose storage URI does not exist',
    ]);
    await assertClean(run);
  });

  /**
   * A gateway that lets anyone in: it asks the sandbox's API server for whoever calls,
   * with the sandbox's own credentials, as a gateway without an authorization policy would.
   */
  async function openGateway(): Promise<{ url: string; close: () => Promise<void> }> {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(SANDBOX_KUBECONFIG);
    const apiServer = new URL(kubeConfig.getCurrentCluster()?.server as string);
    const credentials: RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(credentials);
    const server = createServer((incoming, outgoing) => {
      const headers = { ...credentials.headers, 'content-type': incoming.headers['content-type'] ?? 'application/json' };
      const forwarded = httpsRequest(new URL(incoming.url as string, apiServer), { ...credentials, method: incoming.method, headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      forwarded.on('error', () => outgoing.destroy());
      incoming.pipe(forwarded);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  test("KServe with the platform's own model and through a gateway with a token: the configured model is the one served; default-editor's token is let in and a request without it refused; a token that may not ask, and a gateway that lets anyone in, fail naming the cause", async () => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(SANDBOX_KUBECONFIG);
    const cluster = kubeConfig.getCurrentCluster() as Cluster;
    // The API server's service proxy stands in for the gateway: it checks the token and the ServiceAccount's right to ask.
    const proxyPath = '/api/v1/namespaces/{namespace}/services/{name}-predictor:80/proxy';
    const gateway = { KUBEFLOW_BDD_KSERVE_URL: `${cluster.server}${proxyPath}`, NODE_EXTRA_CA_CERTS: cluster.caFile as string };
    const open = await openGateway();
    try {
      const [model, editor, viewer, unguarded] = await Promise.all([
        runFeatures(['--tags', '@kserve-configured-model', HARNESS_FEATURES], { env: { KUBEFLOW_BDD_KSERVE_MODEL_URI: 'pvc://platform-model/iris' } }),
        runFeatures(['--tags', '@kserve', 'features/kserve'], { env: { ...gateway, KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT: 'default-editor' } }),
        runFeatures(['--tags', '@kserve', 'features/kserve'], { env: { ...gateway, KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT: 'default-viewer' } }),
        runFeatures(['--tags', '@kserve', 'features/kserve'], { env: { KUBEFLOW_BDD_KSERVE_URL: `${open.url}${proxyPath}`, KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT: 'default-editor' } }),
      ]);
      const statuses = scenarioStatuses(model.reports);
      assert.equal(statuses['The model configured for the platform is served, not one trained by the scenario'], 'passed', model.output);
      assert.equal(statuses['A configured model that learned nothing fails, though the scenario would have trained a good one'], 'failed', model.output);
      assert.match(readable(join(model.reports, 'cucumber.json')), /Serving the model at pvc:\/\/platform-model\/iris, which KUBEFLOW_BDD_KSERVE_MODEL_URI names; none is trained\./);
      assert.match(model.output, /expected against actual: expected \[ \+0, \+0 \] to deeply equal \[ 1, 1 \]/);
      assert.equal(editor.code, 0, editor.output);
      assert.match(readable(join(editor.reports, 'cucumber.json')), /POST v1\/models\/sklearn-iris:predict to InferenceService sklearn-iris at https:\/\/\S+\/services\/sklearn-iris-predictor:80\/proxy with a token of ServiceAccount default-editor/);
      for (const file of allFiles(editor.reports)) assert.doesNotMatch(readable(file), /eyJ[\w-]{10,}\.[\w-]{10,}\./, `${file} contains a token`);
      assert.equal(viewer.code, 1, viewer.output);
      assert.match(viewer.output, /with a token of ServiceAccount default-viewer answered HTTP 403: [\s\S]*system:serviceaccount:\S+:default-viewer[\s\S]*cannot create resource \\?"services\/proxy\\?"[\s\S]*Fix: give the ServiceAccount the right to ask the namespace's models/);
      assert.equal(unguarded.code, 1, unguarded.output);
      assert.match(unguarded.output, /POST v1\/models\/sklearn-iris:predict to InferenceService sklearn-iris at http:\/\/127\.0\.0\.1:\d+\S+ without a token answered HTTP 200 [\s\S]*Fix: check the platform's authorization policy/);
      for (const run of [model, editor, viewer, unguarded]) await assertClean(run);
    } finally {
      await open.close();
    }
  });

  test('Katib: trials that fail and a training that prints no objective metric end their Experiment long before the timeout, naming each trial and what its collector said; a suggestion service that stays after the search is named after CONTROLLER_ACTS, with the resumePolicy that keeps it', async () => {
    const run = await runFeatures(['--tags', '@katib-failure', '--parallel', '3', HARNESS_FEATURES], { env: { KUBEFLOW_BDD_TIMEOUT_CONTROLLER_ACTS: '20s' } });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /the Experiment Failed \(ExperimentFailed: Experiment has failed because max failed count has reached\)[\s\S]*Trial random-\S+: Failed \(TrialFailed\. Job reason: BackoffLimitExceeded\)[\s\S]*--epochs/);
    assert.match(run.output, /Trial random-\S+: MetricsUnavailable \(MetricsUnavailable[^)]*\): Metrics are not available[\s\S]*Objective metric validation-perplexity is not found in training logs/);
    assert.match(run.output, /Timed out after 20s waiting for the suggestion's Deployment random-random to be deleted\.[\s\S]*the Experiment's resumePolicy is LongRunning, with which Katib keeps the suggestion service for a resume\. Fix:/);
    failedLongBeforeTheTimeout(run, ['An Experiment whose trials fail', 'An Experiment whose training prints no objective metric']);
    assert.equal(scenarioStatuses(run.reports)['An Experiment whose suggestion service stays when it ends'], 'failed');
    await assertClean(run);
  });

  test('Spark: a main file that does not exist, a driver that fails, executors that cannot start and a wrong estimate of pi each fail long before the timeout, naming the cause', async () => {
    const run = await runFeatures(['--tags', '@spark-failure', '--parallel', '2', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Stopped waiting for SparkApplication spark-pi to complete: the SparkApplication ended FAILED: driver container failed with ExitCode: 2[\s\S]*The last lines of driver spark-pi-driver[\s\S]*can't open file '\/opt\/spark\/examples\/src\/main\/python\/no-such-example\.py'/);
    assert.match(run.output, /the SparkApplication ended FAILED: driver container failed with ExitCode: 1[\s\S]*ValueError: invalid literal for int\(\) with base 10: 'many'/);
    assert.match(run.output, /Stopped waiting for SparkApplication spark-pi to complete: the image \S+-moved-away of container spark-kubernetes-executor of pod \S+-exec-1 cannot be pulled/);
    assert.match(run.output, /The driver's estimate of pi, expected against actual: 3\.14159 ± 0\.05, got 4 \("Pi is roughly 4\.000000"\)/);
    failedLongBeforeTheTimeout(run, [
      'A SparkApplication whose main file does not exist',
      'A SparkApplication whose driver fails',
      'A SparkApplication whose executors cannot start',
      'A SparkApplication whose program estimates pi wrong',
    ]);
    await assertClean(run);
  });

  test('a notebook cell that prints another result, and a kernel the server lacks, fail saying what the server did', async () => {
    const run = await runFeatures(['--tags', '@failing-notebook', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /The ir kernel of notebook server analysis did not print "slope=3" \(exit 0\)\.\s+It printed:\s+slope=2/);
    assert.match(run.output, /the kernels notebook server analysis offers: expected \[.*'ir'.*\] to include 'julia-1\.9'/);
    await assertClean(run);
  });

  test('a container that holds another value than the secret asked for fails, and shows neither value nor digest', async () => {
    const run = await runFeatures(['--tags', '@wrong-secret', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /the file \/etc\/kubeflow-bdd\/test-secret\/secret_key in the container of test-notebook holds the key secret_key of secret other-secret \(compared by digest; values not shown\)/);
    for (const value of ['fixture-secret-value-9c1e4b', 'fixture-other-value-51d0aa']) {
      const digest = createHash('sha256').update(value).digest('hex');
      assert.ok(!run.output.includes(digest) && !allFiles(run.reports).some((file) => readable(file).includes(digest)), 'a secret\'s digest reached the output or a report');
    }
    assertNoSecrets(run);
    await assertClean(run);
  });

  test('a Kaniko build whose builder exits with an error ends its scenario at once, with the exit code', async () => {
    const run = await runFeatures(['--tags', '@failing-build', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Stopped waiting for pod fairing-builder-\w+ to be Succeeded: pod fairing-builder-\w+ Failed \[kaniko terminated \(exit 3[,)].*\] ended Failed and will never be Succeeded/);
    failedLongBeforeTheTimeout(run, ['A Kaniko build whose builder exits with an error']);
    await assertClean(run);
  });

  test('without an R notebook image the R scenario is skipped, saying why; required, it fails saying what to set', async () => {
    const skipped = await runFeatures(['--tags', '@r-kernel'], { env: { KUBEFLOW_BDD_IMAGE_NOTEBOOK_R: '' } });
    assert.equal(skipped.code, 3, skipped.output);
    assert.equal(scenarioStatuses(skipped.reports)['A notebook server for R runs an R cell'], 'skipped');
    assert.match(skipped.output, /no Jupyter image with an R kernel is configured[\s\S]*KUBEFLOW_BDD_IMAGE_NOTEBOOK_R/);
    const required = await runFeatures(['--tags', '@r-kernel'], { env: { KUBEFLOW_BDD_IMAGE_NOTEBOOK_R: '', KUBEFLOW_BDD_REQUIRE: 'r-kernel' } });
    assert.equal(required.code, 1, required.output);
    assert.match(required.output, /This scenario needs an R notebook server, and no Jupyter image with an R kernel is configured/);
    await assertClean(required);
  });

  test('in a given namespace that is not a Kubeflow profile, the webhook leaves the notebook alone and the failure says so; each object is deleted after its scenario', async () => {
    const namespace = `kfbdd-shared-${process.pid}`;
    kubectl('create', 'namespace', namespace);
    try {
      const run = await runFeatures(['--tags', '@poddefault'], { env: { KUBEFLOW_BDD_NAMESPACE: namespace } });
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, /env POD_DEFAULT in the pod of test-notebook \(it has: .*\); most likely the PodDefault webhook did not mutate the pod: .*namespace is labelled app\.kubernetes\.io\/part-of=kubeflow-profile/);
      assert.equal(scenarioStatuses(run.reports)["A pod without the PodDefault's label gets none of it"], 'passed', 'the second scenario reuses the names the first one freed');
      assert.equal(kubectl('get', 'pods,pvc,secrets,poddefaults,notebooks', '-n', namespace, '-l', `${RUN_ID_LABEL}=${run.runId}`, '-o', 'name').trim(), '');
      await assertClean(run);
    } finally {
      kubectl('delete', 'namespace', namespace, '--wait=false');
    }
  });

  test('pods refused by a ResourceQuota or by Pod Security are named within seconds, with their fix and no RBAC advice; pods that comply pass', async () => {
    const quotaCause = /cannot create its pods: the namespace's ResourceQuota does not allow it\. It said: .*exceeded quota/;
    const restrictedCause = /cannot create its pods: Pod Security admission refused the pod for the namespace's level\. It said: .*violates PodSecurity "restricted/;
    const cases = [
      {
        name: 'quota',
        setup: ['create', 'quota', 'no-pods', '--hard=pods=0'],
        cause: quotaCause,
        refused: ['PyTorchJob pytorch-dist-mnist-gloo', 'TFJob dist-mnist-for-e2e-test', 'Job pytorch-mnist-node-0', 'StatefulSet analysis'],
        refusedPod: /Creating Pod copy-build-context in namespace \S+ failed: the namespace's ResourceQuota does not allow it/,
        tags: '(@pytorchjob or @tfjob or @trainjob or @notebook or @kaniko) and not @upgrade',
      },
      // The TrainJob's nodes, the TFJob's replicas, the notebooks, KServe's predictor, Katib's trials and suggestion and
      // Spark's driver and executors meet "restricted"; the init container the training operator adds to PyTorchJob
      // workers cannot, nor can Kaniko, which must run as root.
      {
        name: 'restricted',
        setup: ['label', 'namespace', 'pod-security.kubernetes.io/enforce=restricted'],
        cause: restrictedCause,
        refused: ['PyTorchJob pytorch-dist-mnist-gloo'],
        refusedPod: /Creating Pod copy-build-context in namespace \S+ failed: Pod Security admission refused the pod for the namespace's level/,
        tags: '(@pytorchjob or @tfjob or @trainjob or @notebook or @kaniko or @kserve or @katib or @spark) and not @upgrade',
      },
    ];
    for (const { name, setup, cause, refused, refusedPod, tags } of cases) {
      const namespace = `kfbdd-${name}-${process.pid}`;
      kubectl('create', 'namespace', namespace);
      // Labelled as the profile controller labels a profile's namespace (Katib refuses Experiments elsewhere), with its
      // editor account, which Spark's driver runs as.
      kubectl('label', 'namespace', namespace, 'app.kubernetes.io/part-of=kubeflow-profile', 'katib.kubeflow.org/metrics-collector-injection=enabled');
      kubectl('create', 'serviceaccount', 'default-editor', '-n', namespace);
      kubectl('create', 'rolebinding', 'default-editor', '--clusterrole=kubeflow-edit', `--serviceaccount=${namespace}:default-editor`, '-n', namespace);
      kubectl(...(setup[0] === 'label' ? [setup[0], setup[1], namespace, setup[2]] : [...setup, '-n', namespace]));
      try {
        const run = await runFeatures(['--tags', tags], { env: { KUBEFLOW_BDD_NAMESPACE: namespace } });
        assert.equal(run.code, 1, run.output);
        for (const owner of refused) assert.match(run.output, new RegExp(`${owner} ${cause.source}`));
        assert.match(run.output, refusedPod);
        assert.doesNotMatch(run.output, /grant this identity/);
        const statuses = scenarioStatuses(run.reports);
        const failed = Object.keys(statuses).filter((scenario) => statuses[scenario] !== 'passed');
        const cannotComply = /gloo backend|image is built/;
        if (name === 'restricted') assert.ok(failed.every((scenario) => cannotComply.test(scenario)), `only the PyTorchJob and Kaniko scenarios fail under "restricted": ${failed.join('; ')}`);
        failedLongBeforeTheTimeout(run, failed);
        await assertClean(run);
        if (name === 'quota') {
          // The refusals stay in the namespace's events for an hour; they are not the next run's.
          kubectl('delete', 'quota', 'no-pods', '-n', namespace);
          const again = await runFeatures(['--tags', '@notebook and not @r-kernel'], { env: { KUBEFLOW_BDD_NAMESPACE: namespace } });
          assert.equal(again.code, 0, again.output);
        }
      } finally {
        kubectl('delete', 'namespace', namespace, '--wait=false');
      }
    }
  });

  test('claims of a StorageClass that binds on first use (WaitForFirstConsumer) do not stall the Kaniko scenarios', async () => {
    const storage = join(ROOT, 'test', 'fixtures', 'first-use-storage.yaml');
    kubectl('apply', '-f', storage);
    try {
      const run = await runFeatures(['--tags', '@kaniko'], { env: { KUBEFLOW_BDD_STORAGE_CLASS: 'kubeflow-bdd-first-use' } });
      assert.equal(run.code, 0, run.output);
      assert.match(readFileSync(join(run.reports, 'cucumber.ndjson'), 'utf8'), /stays Pending until a pod mounts it: StorageClass kubeflow-bdd-first-use binds volumes on first use/);
      await assertClean(run);
    } finally {
      kubectl('delete', '-f', storage, '--wait=false');
    }
  });

  test('bad manifests and unknown steps fail with what is wrong and where', async () => {
    const run = await runFeatures(['--tags', '@broken-manifest or @unknown-kind or @undefined-step', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Manifest .*broken\.yaml is not valid YAML at line \d+: Flow sequence/);
    assert.match(run.output, /The cluster does not serve FooJob \(example\.kubeflow-bdd\.io\/v1\)/);
    assert.match(run.output, /Undefined\. Implement with the following snippet/);
    await assertClean(run);
  });

  test('a failure whose message, objects and logs hold secret values shows none of them, in any report or the console', async () => {
    const run = await runFeatures(['--tags', '@secret-leak', '--require', HARNESS_STEPS, HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Attachment \(text\/plain\): Secret test-secret[\s\S]*secret_key: "?\[redacted\]/);
    assert.match(run.output, /value: "?\[redacted\]/);
    assert.match(run.output, /to include '\[redacted\]'/);
    assertNoSecrets(run);
    await assertClean(run);
  });

  test('a retried @flaky scenario shows every attempt in the report', async () => {
    const run = await runFeatures(['--tags', '@flaky-test', '--require', HARNESS_STEPS, HARNESS_FEATURES]);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /Scenarios\s+1 \(1 passed\)\nTests\s+2 \(1 passed, 1 failed\)/);
    assert.match(readable(join(run.reports, 'cucumber.json')), /This scenario ran 2 times \(it is tagged @flaky\):\nattempt 1 failed: Error: the first attempt fails on purpose\nattempt 2 passed/);
    await assertClean(run);
  });

  test('a step that two definitions match names both', async () => {
    const run = await runFeatures(['--tags', '@ambiguous-step', '--require', 'test/features/ambiguous.steps.ts', HARNESS_FEATURES]);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Multiple step definitions match:[\s\S]*steps\/kaniko\.steps\.ts[\s\S]*test\/features\/ambiguous\.steps\.ts/);
    await assertClean(run);
  });

  test('a tag expression that does not parse and a timeout that is not a duration stop the run with the reason; the reports still say why', async () => {
    const tags = await runFeatures(['--tags', '@pytorchjob and']);
    assert.notEqual(tags.code, 0);
    assert.match(tags.output, /The run did not start:[\s\S]*@pytorchjob and/);
    assert.equal(reportFiles(tags.reports).length, 4);
    const timeout = await runFeatures(['--tags', '@tfjob'], { env: { KUBEFLOW_BDD_TIMEOUT_JOB_SUCCEEDED: 'ten minutes' } });
    assert.equal(timeout.code, 2);
    assert.match(timeout.output, /KUBEFLOW_BDD_TIMEOUT_JOB_SUCCEEDED="ten minutes" is not a duration\. Fix: write it like 90s, 10m or 1h30m/);
    assert.match(readFileSync(join(timeout.reports, 'junit.xml'), 'utf8'), /errors="1"[\s\S]*is not a duration/);
    assert.equal(reportFiles(timeout.reports).length, 4);
  });

  test('no kubeconfig and an unreachable server say so, point at the fix, exit non-zero and still write the reports', async () => {
    const none = await runFeatures(['--tags', '@tfjob'], { ownCluster: true, env: { KUBECONFIG: '/nonexistent/kubeconfig', HOME: tmpdir() } });
    assert.equal(none.code, 1);
    assert.match(none.output, /No cluster is configured[\s\S]*run `npm run features:sandbox`/);
    assert.equal(reportFiles(none.reports).length, 4);
    const kubeconfig = join(tmpdir(), `unreachable-${process.pid}.yaml`);
    writeFileSync(kubeconfig, readFileSync(SANDBOX_KUBECONFIG, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1'));
    const unreachable = await runFeatures(['--tags', '@tfjob'], { ownCluster: true, env: { KUBECONFIG: kubeconfig } });
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.output, /Contacting the cluster at https:\/\/127\.0\.0\.1:1 failed: the API server did not answer/);
    assert.equal(reportFiles(unreachable.reports).length, 4);
  });

  test('expired or wrong credentials (401) and a ServiceAccount without rights (403) are named with the fix', async () => {
    const wrong = await runFeatures(['--tags', '@tfjob'], { ownCluster: true, env: { KUBECONFIG: tokenKubeconfig('not-a-valid-token') } });
    assert.equal(wrong.code, 1);
    assert.match(wrong.output, /HTTP 401 Unauthorized\n\s*Fix: the credentials in your kubeconfig were refused/);
    kubectl('create', 'serviceaccount', 'kubeflow-bdd-nobody', '-n', 'default');
    try {
      const token = kubectl('create', 'token', 'kubeflow-bdd-nobody', '-n', 'default').trim();
      const forbidden = await runFeatures(['--tags', '@tfjob'], { ownCluster: true, env: { KUBECONFIG: tokenKubeconfig(token) } });
      assert.equal(forbidden.code, 1);
      // The sandbox serves Profiles, so a scenario's namespace is asked for as a Profile.
      assert.match(forbidden.output, /HTTP 403 Forbidden .*cannot create resource "profiles"[\s\S]*Fix: grant this identity the verb on that resource \(see manifests\/rbac\/ for what the harness needs\)/);
      assert.equal(reportFiles(forbidden.reports).length, 4);
      // The sweep of earlier runs' leftovers, and the Run box, say what they could not read rather than nothing.
      assert.match(forbidden.output, /Leftovers of earlier runs not swept:\n\s+Listing namespaces labelled app\.kubernetes\.io\/managed-by=kubeflow-bdd failed: HTTP 403 Forbidden/);
      const metadata = JSON.parse(readFileSync(join(forbidden.reports, 'run-metadata.json'), 'utf8')) as Record<string, string>;
      assert.match(metadata.Nodes, /^not readable: Listing the nodes failed: HTTP 403 Forbidden/);
      assert.match(metadata['Leftovers of earlier runs not swept'], /HTTP 403 Forbidden/);
    } finally {
      kubectl('delete', 'serviceaccount', 'kubeflow-bdd-nobody', '-n', 'default');
    }
  });

  test('a namespace stuck in Terminating is reported with what still holds it', async () => {
    const run = await runFeatures(['--tags', '@stuck-namespace', HARNESS_FEATURES], { env: { KUBEFLOW_BDD_TIMEOUT_CLEANUP: '10s' } });
    try {
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, /Cleanup left things behind:[\s\S]*namespace kfbdd-\w+ is Terminating; still holding it: .*kubeflow-bdd\.io\/hold/);
    } finally {
      // Let go of the namespace the test held on purpose.
      const namespaces = kubectl('get', 'configmaps', '-A', '-l', `${RUN_ID_LABEL}=${run.runId}`, '-o', 'jsonpath={.items[*].metadata.namespace}');
      for (const namespace of namespaces.split(' ').filter(Boolean)) {
        kubectl('patch', 'configmap', 'held', '-n', namespace, '--type=merge', '-p', '{"metadata":{"finalizers":null}}');
      }
    }
  });

  test('npm run features:clean removes leftovers of runs that were killed outright, and says how many', async () => {
    const leftover = `kfbdd-leftover-${process.pid}`;
    kubectl('create', 'namespace', leftover);
    kubectl('label', 'namespace', leftover, 'app.kubernetes.io/managed-by=kubeflow-bdd', `${RUN_ID_LABEL}=killed-run-${process.pid}`);
    const clean = spawnSync('npm', ['run', '-s', 'features:clean', '--', `killed-run-${process.pid}`], {
      cwd: ROOT,
      env: { ...process.env, KUBECONFIG: SANDBOX_KUBECONFIG },
      encoding: 'utf8',
    });
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout, new RegExp(`Removed 1 leftover\\(s\\) of run killed-run-${process.pid}:\\n  Namespace ${leftover}`));
  });

  test('SIGINT in the middle of a run removes what the run created and still writes the reports', async () => {
    const run = await runFeatures(['--tags', '@pytorchjob'], {
      during: (child, runId) => {
        // Interrupt in the middle of the first scenario.
        void scenarioUnderWay(runId).then(() => child.kill('SIGINT'));
      },
    });
    assert.equal(run.code, 130, run.output);
    assert.match(run.output, /Interrupted by SIGINT/);
    await assertClean(run);
  });

  /** test/fixtures/wrong-registry-login.json for the registry the sandbox's Kaniko pushes to: its user, a wrong password. */
  function wrongRegistryLogin(): string {
    const registry = sandboxEnvironment().KUBEFLOW_BDD_REGISTRY as string;
    const file = join(tmpdir(), `wrong-registry-login-${process.pid}.json`);
    writeFileSync(file, readFileSync(join(ROOT, 'test', 'fixtures', 'wrong-registry-login.json'), 'utf8').replace('${registry}', registry));
    return file;
  }

  test('registry credentials with a wrong password fail the Kaniko build and the registry check long before the timeout, naming the refused credentials; no password shows', async () => {
    const run = await runFeatures(['--tags', '@wrong-registry-password', HARNESS_FEATURES], { env: { KUBEFLOW_BDD_REGISTRY_CONFIG: wrongRegistryLogin() } });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /The registry [\d.]+:\d+ refused the credentials of the secret registry-credentials \(the login of user "kaniko-builder" from \S+\): it answered Kaniko's push 401 Unauthorized, so the user name or the password is wrong\. The builder pod fairing-builder-\w+ failed; Kaniko said:\s+error checking push permissions/);
    assert.match(run.output, /The registry [\d.]+:\d+ refused the credentials for [\d.]+:\d+ in \S+wrong-registry-login-\d+\.json \(user "kaniko-builder"\): the user name or the password is wrong \(HTTP 401\)/);
    failedLongBeforeTheTimeout(run, ['A Kaniko build whose registry credentials hold a wrong password', 'A registry asked with a wrong password']);
    assertNoSecrets(run);
    await assertClean(run);
  });
});
