import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { manifestDigest, splitTag } from '../../support/cluster/registry';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
let server: Server;
let host: string;

before(async () => {
  // A registry that holds kubeflow-bdd/trainer:latest, asks for credentials for private/*, and knows nothing else.
  server = createServer((request, response) => {
    if (request.url === '/v2/kubeflow-bdd/trainer/manifests/latest' && request.method === 'HEAD') {
      response.writeHead(200, { 'Docker-Content-Digest': DIGEST, 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' }).end();
    } else if (request.url?.startsWith('/v2/private/')) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="registry"' }).end();
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test('an image reference splits into repository and tag, latest when none is given', () => {
  assert.deepEqual(splitTag('kubeflow-bdd/trainer:v1'), { repository: 'kubeflow-bdd/trainer', tag: 'v1' });
  assert.deepEqual(splitTag('localhost:5000/trainer'), { repository: 'localhost:5000/trainer', tag: 'latest' });
});

test('the digest of a tag the registry holds', async () => {
  assert.equal(await manifestDigest({ host, insecure: true }, 'kubeflow-bdd/trainer:latest'), DIGEST);
});

test('a missing image, a registry that wants credentials, one out of reach and none configured are each named with the fix', async () => {
  await assert.rejects(manifestDigest({ host, insecure: true }, 'kubeflow-bdd/other:latest'), /The registry 127\.0\.0\.1:\d+ holds no image kubeflow-bdd\/other:latest \(HEAD .* answered 404\)/);
  await assert.rejects(manifestDigest({ host, insecure: true }, 'private/trainer:latest'), /refused to show private\/trainer:latest without credentials \(HTTP 401\)\. Fix:/);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const gone = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  await assert.rejects(manifestDigest({ host: gone, insecure: true }, 'kubeflow-bdd/trainer:latest'), /Could not reach the registry 127\.0\.0\.1:\d+ .*ECONNREFUSED\. Fix: check KUBEFLOW_BDD_REGISTRY\./);
  await assert.rejects(manifestDigest({ host, insecure: false }, 'kubeflow-bdd/trainer:latest'), /Could not reach the registry .* set KUBEFLOW_BDD_REGISTRY_INSECURE=true if it speaks plain HTTP/);
  await assert.rejects(manifestDigest({ insecure: false }, 'kubeflow-bdd/trainer:latest'), /No registry is configured.*Fix: set KUBEFLOW_BDD_REGISTRY/);
});
