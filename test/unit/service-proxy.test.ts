import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { makeClients } from '../../support/cluster/client';
import { throughServiceProxy } from '../../support/cluster/service-proxy';
import { fakeApi } from './fake-api';

test('a POST through the service proxy sends its JSON to the Service port and path, with the credentials, and returns what the server said', async () => {
  let sent = '';
  const api = await fakeApi((_, body) => {
    sent = body;
    return { status: 200, body: { predictions: [1, 1] } };
  });
  try {
    const answer = await throughServiceProxy(makeClients(api.kubeConfig), { namespace: 'team-a', service: 'iris-predictor', port: 80, path: 'v1/models/iris:predict', json: { instances: [[1, 2]] } });
    assert.deepEqual(api.requests, ['POST /api/v1/namespaces/team-a/services/iris-predictor:80/proxy/v1/models/iris:predict']);
    assert.deepEqual(JSON.parse(sent), { instances: [[1, 2]] });
    assert.deepEqual(answer, { status: 200, body: '{"predictions":[1,1]}' });
  } finally {
    await api.close();
  }
});

test('an answer that is not 200 comes back as it is, for the caller to name', async () => {
  const api = await fakeApi([{ status: 503, body: 'no endpoints available for service "iris-predictor"' }]);
  try {
    const answer = await throughServiceProxy(makeClients(api.kubeConfig), { namespace: 'team-a', service: 'iris-predictor', port: 80, path: 'v1/models/iris' });
    assert.deepEqual(api.requests, ['GET /api/v1/namespaces/team-a/services/iris-predictor:80/proxy/v1/models/iris']);
    assert.deepEqual(answer, { status: 503, body: 'no endpoints available for service "iris-predictor"' });
  } finally {
    await api.close();
  }
});
