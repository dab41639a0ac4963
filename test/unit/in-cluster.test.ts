import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { V1CronJob, V1Job } from '@kubernetes/client-node';
import { followJobLogs } from '../../scripts/in-cluster/follow';
import { registryLoginSecret, runObjects, type RunForm } from '../../scripts/in-cluster/job-object';
import { makeClients } from '../../support/cluster/client';
import { fakeApi, status } from './fake-api';

const settings = { image: 'registry.local/kubeflow-bdd:abc', args: ['--tags', '@profile'], env: { KUBEFLOW_BDD_REGISTRY: '192.0.2.2:5000', KUBEFLOW_BDD_REPORTS_KEEP: '3' } };
const container = (job: V1Job) => job.spec?.template.spec?.containers[0];
const env = (job: V1Job) => Object.fromEntries((container(job)?.env ?? []).map((v) => [v.name, v.value ?? v.valueFrom?.fieldRef?.fieldPath]));

test("the Job of manifests/in-cluster/job.yaml gets this cluster's image, arguments and settings, and keeps the manifest's own", () => {
  const { job } = runObjects({ kind: 'job' }, settings) as { job: V1Job };
  assert.equal(container(job)?.image, settings.image);
  assert.deepEqual(container(job)?.args, ['--tags', '@profile']);
  assert.deepEqual(container(job)?.command, ['npm', 'run', '-s', 'features:job', '--']);
  assert.equal(job.spec?.template.spec?.serviceAccountName, 'kubeflow-bdd');
  assert.deepEqual(env(job), {
    KUBEFLOW_BDD_REPORTS_ROOT: '/reports',
    KUBEFLOW_BDD_RUN_ID: "metadata.labels['batch.kubernetes.io/job-name']",
    KUBEFLOW_BDD_REGISTRY: '192.0.2.2:5000',
    KUBEFLOW_BDD_REPORTS_KEEP: '3',
  });
});

test('the sharded Job runs as many pods, all at once, as it has shards', () => {
  const { job } = runObjects({ kind: 'sharded', shards: 4 }, { ...settings, args: [] }) as { job: V1Job };
  assert.equal(job.spec?.completionMode, 'Indexed');
  assert.deepEqual([job.spec?.completions, job.spec?.parallelism, env(job).KUBEFLOW_BDD_SHARDS], [4, 4, '4']);
  assert.deepEqual(container(job)?.args, [], "no arguments given: the manifest's own");
});

test('the CronJob is made to fire at the next minute, its Job template patched like the Job', () => {
  const { cronJob } = runObjects({ kind: 'cronjob' }, settings) as { cronJob: V1CronJob };
  assert.equal(cronJob.spec?.schedule, '* * * * *');
  assert.equal(cronJob.spec?.concurrencyPolicy, 'Forbid');
  assert.equal(cronJob.spec?.jobTemplate.spec?.template.spec?.containers[0].image, settings.image);
});

test("pods whose logs cannot be followed (a 403 on pods) are named, not passed over", async () => {
  const discovery = { status: 200, body: { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'pods', namespaced: true, kind: 'Pod', verbs: ['list', 'watch'] }] } };
  const api = await fakeApi((request) =>
    request === 'GET /api/v1' ? discovery : status(403, 'Forbidden', 'pods is forbidden: User "ci" cannot list resource "pods"'),
  );
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
  try {
    const following = followJobLogs(makeClients(api.kubeConfig), { namespace: 'kubeflow-bdd', name: 'nightly', shards: 1 }, 10_000, new AbortController().signal);
    await following.drained();
  } finally {
    process.stderr.write = write;
    await api.close();
  }
  assert.match(written.join(''), /\(the pods' logs could not be followed: Watching the pods of Job nightly failed: HTTP 403 Forbidden pods is forbidden: User "ci"/);
});

test('a registry login reaches every form of the run as users give it: a Secret of their docker config, mounted, and KUBEFLOW_BDD_REGISTRY_CONFIG naming the file', () => {
  const dockerConfig = '{"auths": {"registry.example.com": {"auth": "dXNlcjpwYXNzd29yZA=="}}}';
  for (const form of [{ kind: 'job' }, { kind: 'sharded', shards: 3 }, { kind: 'cronjob' }] as RunForm[]) {
    const objects = runObjects(form, { ...settings, registryLogin: true });
    const job = 'job' in objects ? objects.job : ({ spec: objects.cronJob.spec?.jobTemplate.spec } as V1Job);
    const pod = job.spec?.template.spec;
    assert.equal(env(job).KUBEFLOW_BDD_REGISTRY_CONFIG, '/etc/kubeflow-bdd/registry/config.json', form.kind);
    assert.deepEqual(pod?.volumes?.find((volume) => volume.name === 'registry-login')?.secret, {
      secretName: 'kubeflow-bdd-registry',
      optional: true,
      items: [{ key: '.dockerconfigjson', path: 'config.json' }],
    });
    // Pod Security "restricted" still holds: a secret volume is allowed, and nothing else changed.
    assert.deepEqual(pod?.securityContext, { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    assert.deepEqual(container(job)?.securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    const secret = registryLoginSecret(form, dockerConfig, 'kubeflow-bdd');
    assert.equal(secret.type, 'kubernetes.io/dockerconfigjson');
    assert.deepEqual([secret.metadata?.name, secret.metadata?.namespace], ['kubeflow-bdd-registry', 'kubeflow-bdd']);
    assert.equal(Buffer.from(secret.data?.['.dockerconfigjson'] ?? '', 'base64').toString(), dockerConfig);
  }
  const { job } = runObjects({ kind: 'job' }, settings) as { job: V1Job };
  assert.equal(env(job).KUBEFLOW_BDD_REGISTRY_CONFIG, undefined, 'no login: the variable is not set, and the optional Secret leaves its folder empty');
});
