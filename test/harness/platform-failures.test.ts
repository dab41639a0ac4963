// Negative tests that break the sandbox's platform the ways it offers (a component stopped or removed, a CRD
// deleted, Katib's configuration pointed at a moved image, the Helm release changed, the control plane restarted)
// and check that the right scenario fails, fast, with a message that names the cause, that the others still pass,
// and that nothing is left. One at a time: each changes what every other run would see.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { KubernetesObject } from '@kubernetes/client-node';
import { KINDS } from '../../support/cluster/kinds';
import { waitFor } from '../../support/wait/watch';
import { met, waiting } from '../../support/wait/verdict';
import { HARNESS_FEATURES, kubectl, ROOT, type Run, runFeatures, sandbox, SANDBOX_KUBECONFIG, sandboxClients, scenarioSeconds, scenarioStatuses, scenarioUnderWay } from './run';
import { assertClean, assertNoSecrets, failedLongBeforeTheTimeout } from './verdicts';

const SHORT_WAITS = { KUBEFLOW_BDD_TIMEOUT_POD_RUNNING: '20s', KUBEFLOW_BDD_TIMEOUT_CONTROLLER_ACTS: '20s', KUBEFLOW_BDD_TIMEOUT_JOB_SUCCEEDED: '2m', KUBEFLOW_BDD_TIMEOUT_PROFILE_READY: '20s' };

/** A run with one sandbox component stopped, and short waits: the stopped part is found by a timeout. */
async function runWithStopped(component: string, args: string[]): Promise<Run> {
  sandbox('stop', component);
  try {
    return await runFeatures(args, { env: SHORT_WAITS });
  } finally {
    sandbox('start', component);
  }
}

test('with the Trainer stopped, JobSet stopped or the runtime missing, the TrainJob scenarios fail within seconds naming each', async () => {
  const trainjobs = ['features/trainjob'];
  const names = ['Distributed PyTorch training through the runtime completes on 1 node(s)', 'Distributed PyTorch training through the runtime completes on 2 node(s)'];
  const trainerDown = await runWithStopped('trainer', trainjobs);
  assert.equal(trainerDown.code, 1, trainerDown.output);
  assert.match(trainerDown.output, /the admission webhook \S+trainjob\.trainer\.kubeflow\.org did not answer[\s\S]*Fix: check that Kubeflow Trainer's controller manager runs/);
  failedLongBeforeTheTimeout(trainerDown, names);
  await assertClean(trainerDown);

  const jobsetDown = await runWithStopped('jobset', trainjobs);
  assert.equal(jobsetDown.code, 1, jobsetDown.output);
  assert.match(jobsetDown.output, /Kubeflow Trainer could not create the TrainJob's JobSet\. It said: [\s\S]*mjobset\.kb\.io[\s\S]*Fix: check that the JobSet controller runs/);
  failedLongBeforeTheTimeout(jobsetDown, names);
  await assertClean(jobsetDown);

  const noRuntime = await runFeatures(trainjobs, { env: { KUBEFLOW_BDD_TRAINING_RUNTIME: 'no-such-runtime' } });
  assert.equal(noRuntime.code, 1, noRuntime.output);
  assert.match(noRuntime.output, /The ClusterTrainingRuntime "no-such-runtime" does not exist[\s\S]*Fix: install Kubeflow Trainer's default runtimes/);
  failedLongBeforeTheTimeout(noRuntime, names);
  await assertClean(noRuntime);
});

test('with the profile controller stopped, a scenario on a platform of Profiles fails naming it', async () => {
  const run = await runWithStopped('profile-controller', ['features/profile']);
  assert.equal(run.code, 1, run.output);
  assert.match(run.output, /Timed out after 20s waiting for the namespace of Profile kfbdd-\w+[\s\S]*Most likely: the profile controller made no namespace for Profile \S+: check that the Kubeflow profile controller runs/);
  await assertClean(run);
});

/** A run on the sandbox made a platform without some components (their CRDs and webhooks gone too). */
async function runWithout(components: string[], runs: { args: string[]; env?: NodeJS.ProcessEnv }[]): Promise<Run[]> {
  for (const component of components) sandbox('remove', component);
  try {
    const results: Run[] = [];
    for (const { args, env } of runs) results.push(await runFeatures(args, { env }));
    return results;
  } finally {
    for (const component of [...components].reverse()) sandbox('start', component);
  }
}

test('on a Trainer-v2-only platform the v1 scenarios are skipped with the reason and the run, having checked nothing, exits 3; KUBEFLOW_BDD_REQUIRE makes them fail', async () => {
  const [skipped, required] = await runWithout(['training-operator'], [
    { args: ['--tags', '@pytorchjob or @tfjob'] },
    { args: ['--tags', '@pytorchjob'], env: { KUBEFLOW_BDD_REQUIRE: 'pytorchjob' } },
  ]);
  assert.equal(skipped.code, 3, skipped.output);
  assert.match(skipped.output, /Kubeflow training:\s+Kubeflow Trainer v2 \(TrainJob\)\n/);
  assert.match(skipped.output, /Skipped, as not for this platform:\n[\s\S]*this platform runs Kubeflow Trainer v2; PyTorchJob needs the Training Operator v1/);
  assert.match(skipped.output, /this platform runs Kubeflow Trainer v2; TFJob needs the Training Operator v1/);
  assert.ok(Object.values(scenarioStatuses(skipped.reports)).every((status) => status === 'skipped'), skipped.output);
  assert.match(readFileSync(join(skipped.reports, 'html', 'index.html'), 'utf8'), /Kubeflow Trainer v2 \(TrainJob\)/);
  await assertClean(skipped);
  assert.equal(required.code, 1, required.output);
  assert.match(required.output, /The cluster does not serve PyTorchJob \(kubeflow\.org\/v1\)/);
  await assertClean(required);
});

test('on a Training-Operator-v1-only platform the TrainJob scenarios are skipped with the reason; KUBEFLOW_BDD_REQUIRE makes them fail', async () => {
  const [skipped, required] = await runWithout(['trainer', 'jobset'], [
    { args: ['--tags', '@trainjob'] },
    { args: ['--tags', '@trainjob'], env: { KUBEFLOW_BDD_REQUIRE: 'trainjob' } },
  ]);
  assert.equal(skipped.code, 3, skipped.output);
  assert.match(skipped.output, /this platform runs the Training Operator v1; TrainJob needs Kubeflow Trainer v2/);
  assert.ok(Object.values(scenarioStatuses(skipped.reports)).every((status) => status === 'skipped'), skipped.output);
  await assertClean(skipped);
  assert.equal(required.code, 1, required.output);
  assert.match(required.output, /The cluster does not serve TrainJob \(trainer\.kubeflow\.org\/v1alpha1\)/);
  await assertClean(required);
});

test('on a platform without the notebook controller the scenarios that start a Notebook are skipped with the reason; KUBEFLOW_BDD_REQUIRE makes them fail', async () => {
  const [skipped, required] = await runWithout(['notebook-controller'], [
    { args: ['--tags', '@poddefault and not @upgrade'] },
    { args: ['--tags', '@poddefault and @notebook and not @upgrade'], env: { KUBEFLOW_BDD_REQUIRE: 'notebook' } },
  ]);
  const statuses = scenarioStatuses(skipped.reports);
  assert.equal(statuses['A notebook selected by the PodDefault gets its env and its secret'], 'skipped', skipped.output);
  assert.equal(statuses["A pod without the PodDefault's label gets none of it"], 'passed', skipped.output);
  assert.match(skipped.output, /this platform serves no Notebook \(kubeflow\.org\/v1\): Kubeflow's notebook controller is not installed\. Set KUBEFLOW_BDD_REQUIRE=notebook/);
  await assertClean(skipped);
  assert.equal(required.code, 1, required.output);
  assert.match(required.output, /The cluster does not serve Notebook \(kubeflow\.org\/v1\)/);
  await assertClean(required);
});

test('with KServe stopped, the serving scenario fails naming its webhook; where KServe is not installed it is skipped with the reason, and KUBEFLOW_BDD_REQUIRE makes it fail', async () => {
  const stopped = await runWithStopped('kserve', ['--tags', '@kserve']);
  assert.equal(stopped.code, 1, stopped.output);
  assert.match(stopped.output, /Creating InferenceService sklearn-iris in namespace \S+ failed: the admission webhook inferenceservice\.kserve-webhook-server\.defaulter did not answer[\s\S]*Fix: check that KServe's controller manager runs/);
  failedLongBeforeTheTimeout(stopped, ['An iris classifier trained in the cluster is served and predicts']);
  await assertClean(stopped);
  const [skipped, required] = await runWithout(['kserve'], [
    { args: ['--tags', '@kserve'] },
    { args: ['--tags', '@kserve'], env: { KUBEFLOW_BDD_REQUIRE: 'kserve' } },
  ]);
  assert.equal(skipped.code, 3, skipped.output);
  assert.match(skipped.output, /this platform serves no InferenceService \(serving\.kserve\.io\/v1beta1\): KServe is not installed\. Set KUBEFLOW_BDD_REQUIRE=kserve to make this a failure\./);
  await assertClean(skipped);
  assert.equal(required.code, 1, required.output);
  assert.match(required.output, /The cluster does not serve InferenceService \(serving\.kserve\.io\/v1beta1\)/);
  await assertClean(required);
});

test('an InferenceService that no KServe controller takes up is named after CONTROLLER_ACTS: KServe stopped and its webhooks unregistered, so nothing stops the object at the API', async () => {
  const webhooks = ['mutatingwebhookconfiguration/kubeflow-bdd-sandbox-kserve', 'validatingwebhookconfiguration/kubeflow-bdd-sandbox-kserve'];
  const saved = JSON.parse(kubectl('get', ...webhooks, '-o', 'json')) as { items: KubernetesObject[] };
  sandbox('stop', 'kserve');
  kubectl('delete', ...webhooks);
  try {
    const run = await runFeatures(['--tags', '@kserve and not @upgrade'], { env: SHORT_WAITS });
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Timed out after 20s waiting for the KServe controller to take up InferenceService sklearn-iris/);
    await assertClean(run);
  } finally {
    const file = join(tmpdir(), `kserve-webhooks-${process.pid}.json`);
    const items = saved.items.map(({ metadata, ...rest }) => ({ ...rest, metadata: { name: metadata?.name, labels: metadata?.labels, annotations: metadata?.annotations } }));
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    kubectl('create', '-f', file);
    rmSync(file);
    sandbox('start', 'kserve');
  }
});

test("a suggestion service that does not come up (its image moved) ends the Experiment's wait long before the timeout, naming the image", async () => {
  // Katib reads the suggestion's image from katib-config each time it makes a suggestion service.
  const original = kubectl('get', 'configmap', 'katib-config', '-n', 'kubeflow', '-o', 'json');
  const config = JSON.parse(original) as { data: Record<string, string>; metadata: Record<string, unknown> };
  const moved = config.data['katib-config.yaml'].replace(/(algorithmName: random\n\s+image: )(\S+):\S+/, '$1$2:moved-away');
  assert.notEqual(moved, config.data['katib-config.yaml'], 'the random algorithm\'s image in katib-config');
  const write = (data: string) => {
    const file = join(tmpdir(), `katib-config-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'katib-config', namespace: 'kubeflow' }, data: { ...config.data, 'katib-config.yaml': data } }));
    kubectl('replace', '-f', file);
    rmSync(file);
  };
  write(moved);
  try {
    const run = await runFeatures(['--tags', '@katib and not @upgrade']);
    assert.equal(run.code, 1, run.output);
    assert.match(run.output, /Stopped waiting for Experiment random to succeed: the image \S+:moved-away of container suggestion of pod random-random-\S+ cannot be pulled \((ErrImagePull|ImagePullBackOff)\)/);
    failedLongBeforeTheTimeout(run, ['A random search over the learning rate runs its trials and keeps the best']);
    await assertClean(run);
  } finally {
    write(config.data['katib-config.yaml']);
  }
});

test('with Katib stopped, the tuning scenario fails naming its webhook; where Katib is not installed it is skipped with the reason, and KUBEFLOW_BDD_REQUIRE makes it fail', async () => {
  const stopped = await runWithStopped('katib', ['--tags', '@katib and not @upgrade']);
  assert.equal(stopped.code, 1, stopped.output);
  assert.match(stopped.output, /the admission webhook \S+\.experiment\.katib\.kubeflow\.org did not answer[\s\S]*Fix: check that Katib's controller runs/);
  failedLongBeforeTheTimeout(stopped, ['A random search over the learning rate runs its trials and keeps the best']);
  await assertClean(stopped);
  const [skipped, required] = await runWithout(['katib'], [
    { args: ['--tags', '@katib and not @upgrade'] },
    { args: ['--tags', '@katib and not @upgrade'], env: { KUBEFLOW_BDD_REQUIRE: 'katib' } },
  ]);
  assert.equal(skipped.code, 3, skipped.output);
  assert.match(skipped.output, /this platform serves no Experiment \(kubeflow\.org\/v1beta1\): Katib is not installed\. Set KUBEFLOW_BDD_REQUIRE=katib to make this a failure\./);
  await assertClean(skipped);
  assert.equal(required.code, 1, required.output);
  assert.match(required.output, /The cluster does not serve Experiment \(kubeflow\.org\/v1beta1\)/);
  await assertClean(required);
});

test("with the Spark Operator's controller stopped, the SparkApplication nothing submits is named after CONTROLLER_ACTS; with its webhook gone too, creating it fails naming the webhook; where the operator is not installed the scenario is skipped with the reason, and KUBEFLOW_BDD_REQUIRE makes it fail", async () => {
  const stopped = await runWithStopped('spark-operator', ['--tags', '@spark and not @upgrade']);
  assert.equal(stopped.code, 1, stopped.output);
  assert.match(stopped.output, /Timed out after 20s waiting for the Spark Operator to take up SparkApplication spark-pi[\s\S]*check that its controller runs/);
  await assertClean(stopped);
  kubectl('scale', 'deployment', '-n', 'kubeflow', '--replicas=0', 'spark-operator-controller', 'spark-operator-webhook');
  try {
    const unanswered = await runFeatures(['--tags', '@spark and not @upgrade'], { env: SHORT_WAITS });
    assert.equal(unanswered.code, 1, unanswered.output);
    assert.match(unanswered.output, /Creating SparkApplication spark-pi in namespace \S+ failed: the admission webhook \S+sparkoperator\.k8s\.io did not answer[\s\S]*Fix: check that the Kubeflow Spark Operator's webhook runs/);
    failedLongBeforeTheTimeout(unanswered, ["Spark's pi example runs on a driver and two executors and estimates pi"]);
    await assertClean(unanswered);
  } finally {
    sandbox('start', 'spark-operator');
  }
  const [skipped, required] = await runWithout(['spark-operator'], [
    { args: ['--tags', '@spark and not @upgrade'] },
    { args: ['--tags', '@spark and not @upgrade'], env: { KUBEFLOW_BDD_REQUIRE: 'spark' } },
  ]);
  assert.equal(skipped.code, 3, skipped.output);
  assert.match(skipped.output, /this platform serves no SparkApplication \(sparkoperator\.k8s\.io\/v1beta2\): the Kubeflow Spark Operator is not installed\. Set KUBEFLOW_BDD_REQUIRE=spark to make this a failure\./);
  await assertClean(skipped);
  assert.equal(required.code, 1, required.output);
  assert.match(required.output, /The cluster does not serve SparkApplication \(sparkoperator\.k8s\.io\/v1beta2\)/);
  await assertClean(required);
});

test('with the training operator stopped, the PyTorchJob scenarios fail naming the operator, PodDefault ones pass', async () => {
  const run = await runWithStopped('training-operator', ['--tags', '(@pytorchjob or @poddefault) and not @helm-upgrade']);
  assert.equal(run.code, 1, run.output);
  assert.match(run.output, /Timed out after 20s waiting for 1 Master pod\(s\) of PyTorchJob pytorch-dist-mnist-gloo/);
  assert.match(run.output, /Most likely: the training operator created no Master pod: check that it runs/);
  // The upgrade's check waits for the job itself, and learns as soon that no operator took it up.
  assert.match(run.output, /Timed out after 20s waiting for the training operator to take up PyTorchJob pytorch-dist-mnist-gloo[\s\S]*no training operator has touched the job/);
  const statuses = scenarioStatuses(run.reports);
  assert.deepEqual(Object.entries(statuses).filter(([, s]) => s === 'failed').map(([name]) => name).sort(), [
    'Distributed MNIST with the gloo backend completes with 1 worker(s)',
    'Distributed MNIST with the gloo backend completes with 2 worker(s)',
    'PyTorchJobs still complete on the upgraded platform',
  ]);
  assert.equal(Object.values(statuses).filter((s) => s === 'passed').length, 2);
  await assertClean(run);
});

test('with the PodDefault webhook stopped, the PodDefault scenarios fail naming the webhook, and no secret reaches the reports', async () => {
  const run = await runWithStopped('poddefault-webhook', ['--tags', '@poddefault or @kaniko']);
  assert.equal(run.code, 1, run.output);
  assert.match(run.output, /the admission webhook poddefaults\.kubeflow-bdd\.sandbox did not answer/);
  const statuses = scenarioStatuses(run.reports);
  assert.equal(statuses['An image is built with registry credentials from a secret'], 'failed', 'Kaniko pods are created in profile namespaces too');
  assertNoSecrets(run);
  await assertClean(run);
});

test('with the notebook controller stopped, the notebook scenarios fail naming the controller; the unlabelled pod still passes', async () => {
  const run = await runWithStopped('notebook-controller', ['--tags', '@poddefault or @notebook']);
  assert.equal(run.code, 1, run.output);
  assert.match(run.output, /no pod was created for the notebook: check that the notebook controller runs/);
  const statuses = scenarioStatuses(run.reports);
  assert.equal(statuses['A notebook selected by the PodDefault gets its env and its secret'], 'failed');
  assert.equal(statuses['A notebook server runs a Python cell'], 'failed');
  assert.equal(statuses['A notebook server for R runs an R cell'], 'failed');
  assert.equal(statuses["A pod without the PodDefault's label gets none of it"], 'passed');
  await assertClean(run);
});

/** Upgrades the sandbox's release to the chart's own defaults (250m/512Mi, 25m/64Mi), which differ from the upgrade's values. */
function resetRelease(): void {
  const reset = spawnSync(join(ROOT, '.sandbox', 'bin', 'helm'), ['upgrade', 'kubeflowinstaller', 'sandbox/chart/kubeflowinstaller', '-n', 'kubeflow-installer', '--reset-values', '--values', '.sandbox/kubeflowinstaller-values.yaml', '--wait'], {
    cwd: ROOT,
    env: { ...process.env, KUBECONFIG: SANDBOX_KUBECONFIG },
    encoding: 'utf8',
  });
  assert.equal(reset.status, 0, reset.stderr);
}

test('a platform whose pods carry other resources than the upgrade set fails with the expected-against-actual table', async () => {
  resetRelease();
  const run = await runFeatures(['--tags', '@upgrade and not @helm-upgrade']);
  assert.equal(run.code, 1, run.output);
  const statuses = scenarioStatuses(run.reports);
  assert.deepEqual(Object.entries(statuses).filter(([, s]) => s !== 'passed').map(([name]) => name), [
    'A platform upgraded by someone else carries the new component resources',
  ]);
  assert.match(run.output, /limits\.cpu\s+0\.5\s+250m\s+DIFFERENT/);
  assert.match(run.output, /requests\.memory\s+128Mi\s+64Mi\s+DIFFERENT/);
  await assertClean(run);
});

test('a Helm upgrade whose pods cannot start fails with what helm and the pods say, and how to roll back', async () => {
  let run: Run;
  try {
    run = await runFeatures(['--tags', '@failing-upgrade', HARNESS_FEATURES], { env: { KUBEFLOW_BDD_TIMEOUT_HELM_UPGRADE: '15s' } });
  } finally {
    resetRelease();
  }
  assert.equal(run.code, 1, run.output);
  assert.match(run.output, /helm upgrade kubeflowinstaller exited with 1:/);
  assert.match(run.output, /Pods of release kubeflowinstaller not ready: .*Pending \[.*Insufficient cpu/);
  assert.match(run.output, /Fix: correct the values or the platform; `helm rollback kubeflowinstaller -n kubeflow-installer`/);
  await assertClean(run);
});

test('a missing CRD fails the scenarios that need it in the first seconds, naming the CRD and the component', async () => {
  const saved = JSON.parse(kubectl('get', 'crd', 'tfjobs.kubeflow.org', '-o', 'json')) as { metadata: Record<string, unknown>; status?: unknown };
  const file = join(tmpdir(), `tfjobs-crd-${process.pid}.json`);
  saved.metadata = { name: 'tfjobs.kubeflow.org', annotations: saved.metadata.annotations };
  delete saved.status;
  writeFileSync(file, JSON.stringify(saved));
  kubectl('delete', 'crd', 'tfjobs.kubeflow.org', '--wait=true');
  let run: Run;
  try {
    run = await runFeatures(['--tags', '(@tfjob or @pytorchjob) and not @upgrade']);
  } finally {
    kubectl('create', '-f', file);
    await waitFor<KubernetesObject & { status?: { conditions?: { type: string; status: string }[] } }>(sandboxClients(), {
      what: 'CRD tfjobs.kubeflow.org to be Established again',
      kind: KINDS.CustomResourceDefinition,
      name: 'tfjobs.kubeflow.org',
      timeoutMs: 60_000,
      evaluate: ([crd]) => (crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ? met() : waiting('not yet')),
    });
    // The operator set up its TFJob watch at start; restart it so it sees the new CRD.
    sandbox('stop', 'training-operator');
    sandbox('start', 'training-operator');
  }
  assert.equal(run.code, 1, run.output);
  assert.match(run.output, /The cluster does not serve TFJob \(kubeflow\.org\/v1\): the CustomResourceDefinition tfjobs\.kubeflow\.org is missing\.\n\s*Fix: install the Kubeflow Training Operator v1/);
  const statuses = scenarioStatuses(run.reports);
  assert.equal(statuses['Distributed MNIST with parameter servers converges'], 'failed');
  assert.equal(Object.values(statuses).filter((s) => s === 'passed').length, 2, 'the PyTorchJob scenarios still pass');
  const seconds = scenarioSeconds(run.reports, 'Distributed MNIST with parameter servers converges');
  assert.ok(seconds < 5, `the TFJob scenario took ${seconds}s`);
  await assertClean(run);
});

test('watches survive a restart of the control plane in the middle of a run', async () => {
  const run = await runFeatures(['--tags', '@pytorchjob', '--name', '1 worker'], {
    during: (_child, runId) => {
      void scenarioUnderWay(runId).then(() => sandbox('restart', 'control-plane'));
    },
  });
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /Scenarios\s+1 \(1 passed\)/);
  await assertClean(run);
});
