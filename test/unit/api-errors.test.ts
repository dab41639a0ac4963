import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { makeClients } from '../../support/cluster/client';
import { createObjects } from '../../support/cluster/create';
import { Cleaner } from '../../support/cluster/cleaner';
import { fakeApi, status, type Answer } from './fake-api';

const VERSION = { status: 200, body: { major: '1', minor: '36', gitVersion: 'v1.36.3' } };
const CONFIGMAP_DISCOVERY = {
  status: 200,
  body: { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['create'] }] },
};

/** Creates one ConfigMap against a fake server that answers the create as given. */
async function createAgainst(answer: Answer) {
  const api = await fakeApi([CONFIGMAP_DISCOVERY, answer]);
  const cleaner = new Cleaner();
  try {
    const context = { clients: makeClients(api.kubeConfig), cleaner, namespace: 'team-a', runId: 'r1' };
    const error = await createObjects(context, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }]).then(
      () => undefined,
      (failure: Error) => failure,
    );
    return { message: error?.message ?? 'no error', posts: api.requests.filter((r) => r.startsWith('POST')).length, pending: cleaner.pending.length };
  } finally {
    await api.close();
  }
}

test('throttling (429) and a briefly unavailable server (503) are retried', async () => {
  const api = await fakeApi([status(429, 'TooManyRequests', 'slow down'), status(503, 'ServiceUnavailable', 'starting'), VERSION]);
  try {
    const version = await makeClients(api.kubeConfig).version.getCode();
    assert.equal(version.gitVersion, 'v1.36.3');
    assert.equal(api.requests.length, 3);
  } finally {
    await api.close();
  }
});

test('a create that failed with 500 is not sent twice, and the error names what was attempted', async () => {
  const result = await createAgainst(status(500, 'InternalError', 'etcd is sad'));
  assert.match(result.message, /Creating ConfigMap c in namespace team-a failed: HTTP 500 InternalError etcd is sad\nFix: the API server is unhealthy/);
  assert.equal(result.posts, 1);
});

test('a forbidden request (403) names the verb and resource from the server and points at manifests/rbac', async () => {
  const result = await createAgainst(
    status(403, 'Forbidden', 'configmaps is forbidden: User "ci" cannot create resource "configmaps" in API group "" in the namespace "team-a"'),
  );
  assert.match(
    result.message,
    /HTTP 403 Forbidden configmaps is forbidden: User "ci" cannot create resource "configmaps".*\nFix: grant this identity the verb on that resource \(see manifests\/rbac\/ for what the harness needs\)/,
  );
  assert.equal(result.pending, 0, 'nothing to clean up');
});
