import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { makeClients } from '../../support/cluster/client';
import { createObjects } from '../../support/cluster/create';
import { Cleaner } from '../../support/cluster/cleaner';
import { explain } from '../../support/cluster/errors';
import { fakeApi, status, type Answer, type Route } from './fake-api';

const VERSION = { status: 200, body: { major: '1', minor: '36', gitVersion: 'v1.36.3' } };
const CONFIGMAP_DISCOVERY = {
  status: 200,
  body: { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['create'] }] },
};

/** Creates one ConfigMap (named c unless given) against a fake server that answers the create as given. */
async function createAgainst(answers: Answer | Route, metadata: V1ObjectMeta = { name: 'c' }) {
  const api = await fakeApi(typeof answers === 'function' ? answers : [CONFIGMAP_DISCOVERY, answers]);
  const cleaner = new Cleaner();
  try {
    const context = { clients: makeClients(api.kubeConfig), cleaner, namespace: 'team-a', runId: 'r1' };
    const error = await createObjects(context, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata }]).then(
      () => undefined,
      (failure: Error) => failure,
    );
    return {
      message: error?.message ?? 'no error',
      posts: api.requests.filter((r) => r.startsWith('POST')).length,
      pending: cleaner.pending.map((object) => object.metadata?.name),
    };
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
  assert.deepEqual(result.pending, [], 'nothing to clean up');
});

/** A server that makes the ConfigMap on the first POST but drops the connection before answering. */
function losesFirstAnswer(existing: (posted: { metadata: { annotations: Record<string, string> } }) => unknown): Route {
  let stored: unknown;
  return (request, body) => {
    if (request.startsWith('GET /api/v1/namespaces/team-a/configmaps/c')) return { status: 200, body: stored };
    if (request.startsWith('GET')) return CONFIGMAP_DISCOVERY;
    if (stored) return status(409, 'AlreadyExists', 'configmaps "c" already exists');
    stored = existing(JSON.parse(body));
    return 'drop';
  };
}

test('a create whose answer was lost is sent again and takes the object it made, once', async () => {
  const result = await createAgainst(losesFirstAnswer((posted) => posted));
  assert.equal(result.message, 'no error');
  assert.equal(result.posts, 2);
  assert.deepEqual(result.pending, ['c']);
});

test('a create that meets an object someone else made fails with 409 and leaves it alone', async () => {
  const result = await createAgainst(
    losesFirstAnswer((posted) => ({ ...posted, metadata: { ...posted.metadata, annotations: { 'kubeflow-bdd.io/create-token': 'another' } } })),
  );
  assert.match(result.message, /Creating ConfigMap c in namespace team-a failed: HTTP 409 AlreadyExists configmaps "c" already exists/);
  assert.deepEqual(result.pending, []);
});

test('a refused watch and a Status sent as a watch ERROR event are explained like any API error', () => {
  const refused = explain(Object.assign(new Error('Forbidden'), { statusCode: 403 }), 'Watching pods');
  assert.equal(refused.message, 'Watching pods failed: HTTP 403 Forbidden\nFix: grant this identity the verb on that resource (see manifests/rbac/ for what the harness needs).');
  const event = explain({ kind: 'Status', code: 500, reason: 'InternalError', message: 'etcd is sad' }, 'Watching pods');
  assert.equal(event.message, 'Watching pods failed: HTTP 500 InternalError etcd is sad\nFix: the API server is unhealthy: check its logs.');
});

test('an object with a generateName is named before it is sent, so a create sent again cannot make a second one', async () => {
  const posted: { metadata: V1ObjectMeta }[] = [];
  const result = await createAgainst((request, body) => {
    if (request.startsWith('GET')) return CONFIGMAP_DISCOVERY;
    posted.push(JSON.parse(body));
    return { status: 201, body: posted[0] };
  }, { generateName: 'builder-' });
  assert.equal(result.message, 'no error');
  assert.match(posted[0].metadata.name ?? '', /^builder-[0-9a-f]{5}$/);
  assert.equal(posted[0].metadata.generateName, undefined);
});
