import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { makeClients } from '../../support/cluster/client';
import { readConfig } from '../../support/config';
import { fingerprint } from '../../support/report/fingerprint';
import { fakeApi, status, type Route } from './fake-api';

const VERSION = { status: 200, body: { major: '1', minor: '36', gitVersion: 'v1.36.3' } };
const CRD_DISCOVERY = {
  status: 200,
  body: { kind: 'APIResourceList', groupVersion: 'apiextensions.k8s.io/v1', resources: [{ name: 'customresourcedefinitions', namespaced: false, kind: 'CustomResourceDefinition', verbs: ['list'] }] },
};
const EMPTY = { status: 200, body: { kind: 'List', apiVersion: 'v1', items: [] } };

test('the Run box names what the cluster would not show (a 403), and tells it from what does not exist', async () => {
  const forbidden = (what: string) => status(403, 'Forbidden', `${what} is forbidden: User "ci" cannot list resource`);
  const route: Route = (request) => {
    if (request.startsWith('GET /version')) return VERSION;
    if (request.startsWith('GET /api/v1/nodes')) return forbidden('nodes');
    if (request.startsWith('GET /api/v1/namespaces/kubeflow-installer/secrets')) return EMPTY;
    if (request.startsWith('GET /api/v1/namespaces/kubeflow?') || request === 'GET /api/v1/namespaces/kubeflow') return status(404, 'NotFound', 'namespaces "kubeflow" not found');
    if (request.includes('/deployments')) return forbidden('deployments.apps');
    if (request === 'GET /apis/apiextensions.k8s.io/v1') return CRD_DISCOVERY;
    if (request.includes('customresourcedefinitions')) return forbidden('customresourcedefinitions.apiextensions.k8s.io');
    if (request.startsWith('GET /apis/')) return status(404, 'NotFound', 'the server could not find the requested resource');
    return status(404, 'NotFound', 'not found');
  };
  const api = await fakeApi(route);
  try {
    const found = await fingerprint(makeClients(api.kubeConfig), readConfig({}));
    assert.match(found.Nodes, /^not readable: Listing the nodes failed: HTTP 403 Forbidden nodes is forbidden: User "ci"/);
    assert.match(found['Kubeflow CRDs'], /^not readable: .*HTTP 403 Forbidden customresourcedefinitions/);
    assert.match(found['Kubeflow components'], /^not readable: .*HTTP 403 Forbidden deployments\.apps/);
    assert.match(found['Helm release'], /^not readable: Helm release kubeflowinstaller does not exist in namespace kubeflow-installer\./);
  } finally {
    await api.close();
  }
});
