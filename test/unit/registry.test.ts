import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { RegistryLogin } from '../../support/cluster/docker-config';
import { imageRegistry, manifestDigest, splitTag } from '../../support/cluster/registry';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const LOGIN: RegistryLogin = { username: 'builder', password: 'right-password-4d1c', file: '/home/user/.docker/config.json' };
const WRONG: RegistryLogin = { ...LOGIN, password: 'wrong-password-8e2f' };
let server: Server;
let host: string;
/** A port nothing listens on. */
let closedPort: number;
/** The token service's requests, as "<query> <Authorization header>". */
const tokenRequests: string[] = [];

const basicOf = (login: RegistryLogin) => `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;

/** The token service: a token for the right login, an anonymous one for none (as Docker Hub gives for public images), 401 for a wrong one. */
function token(request: IncomingMessage): { status: number; body?: object } {
  const { searchParams } = new URL(request.url ?? '', 'http://token');
  tokenRequests.push(`${searchParams} ${request.headers.authorization ?? 'anonymous'}`);
  if (!request.headers.authorization) return { status: 200, body: { token: 'anonymous-token' } };
  if (request.headers.authorization !== basicOf(LOGIN)) return { status: 401 };
  // Docker Hub answers both names; OAuth2 servers only access_token.
  return { status: 200, body: searchParams.get('scope')?.includes('oauth/') ? { access_token: 'good-token' } : { token: 'good-token' } };
}

before(async () => {
  // A registry that holds open/trainer:latest for anyone, basic/trainer:latest behind Basic auth,
  // bearer/* and oauth/* behind tokens of its token service at /token, public/* for its anonymous tokens too,
  // broken/* behind a token service that fails and gone/* behind one that does not answer.
  server = createServer((request, response) => {
    const url = request.url ?? '';
    const found = () => response.writeHead(200, { 'Docker-Content-Digest': DIGEST }).end();
    const challenge = (header: string) => response.writeHead(401, { 'WWW-Authenticate': header }).end();
    const bearer = (realm: string) => `Bearer realm="${realm}",service="fake-registry",scope="repository:${url.split('/').slice(2, 4).join('/')}:pull"`;
    if (url.startsWith('/token-broken')) response.writeHead(500).end('token database down');
    else if (url.startsWith('/token')) {
      const { status, body } = token(request);
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(body ? JSON.stringify(body) : '');
    } else if (url === '/v2/open/trainer/manifests/latest') found();
    else if (url === '/v2/basic/trainer/manifests/latest') {
      if (request.headers.authorization === basicOf(LOGIN)) found();
      else challenge('Basic realm="fake-registry"');
    } else if (/^\/v2\/(bearer|oauth)\/trainer\/manifests\/latest$/.test(url)) {
      if (request.headers.authorization === 'Bearer good-token') found();
      else challenge(bearer(`http://${host}/token`));
    } else if (url === '/v2/public/trainer/manifests/latest') {
      if (request.headers.authorization === 'Bearer anonymous-token') found();
      else challenge(bearer(`http://${host}/token`));
    } else if (url.startsWith('/v2/broken/')) challenge(bearer(`http://${host}/token-broken`));
    else if (url.startsWith('/v2/gone/')) challenge(bearer(`http://127.0.0.1:${closedPort}/token`));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  closedPort = await freedPort();
});
after(() => server.close());

async function freedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  return port;
}

const ask = (image: string, login?: RegistryLogin) => manifestDigest({ host, insecure: true, login }, image);

test('an image reference splits into repository and tag, latest when none is given', () => {
  assert.deepEqual(splitTag('kubeflow-bdd/trainer:v1'), { repository: 'kubeflow-bdd/trainer', tag: 'v1' });
  assert.deepEqual(splitTag('localhost:5000/trainer'), { repository: 'localhost:5000/trainer', tag: 'latest' });
});

test("an image's registry is its first part when that is a host, docker.io otherwise", () => {
  assert.equal(imageRegistry('192.0.2.2:25000/kubeflow-bdd/shell:abc'), '192.0.2.2:25000');
  assert.equal(imageRegistry('ghcr.io/kubeflow/notebook:v1'), 'ghcr.io');
  assert.equal(imageRegistry('localhost/shell'), 'localhost');
  assert.equal(imageRegistry('library/python:3.11-slim'), 'docker.io');
  assert.equal(imageRegistry('python:3.11-slim'), 'docker.io');
});

test('an open registry answers anonymously, with or without a login configured', async () => {
  assert.equal(await ask('open/trainer:latest'), DIGEST);
  assert.equal(await ask('open/trainer:latest', LOGIN), DIGEST);
});

test('Basic: the registry is asked again with the login; a wrong password is named as such, the password never', async () => {
  assert.equal(await ask('basic/trainer:latest', LOGIN), DIGEST);
  const refused = await ask('basic/trainer:latest', WRONG).catch((error: Error) => error);
  assert.match(String(refused), /The registry 127\.0\.0\.1:\d+ refused the credentials for 127\.0\.0\.1:\d+ in \/home\/user\/\.docker\/config\.json \(user "builder"\): the user name or the password is wrong \(HTTP 401\)\. Fix: correct the login/);
  assert.doesNotMatch(String(refused), /password-/);
});

test('Bearer: a token from the token service, asked with the service, the scope and the login, then the registry with the token', async () => {
  tokenRequests.length = 0;
  assert.equal(await ask('bearer/trainer:latest', LOGIN), DIGEST);
  assert.deepEqual(tokenRequests, [`service=fake-registry&scope=repository%3Abearer%2Ftrainer%3Apull ${basicOf(LOGIN)}`]);
  assert.equal(await ask('oauth/trainer:latest', LOGIN), DIGEST, 'an access_token does as well');
});

test('Bearer: a wrong password is refused by the token service, and said so plainly', async () => {
  const refused = await ask('bearer/trainer:latest', WRONG).catch((error: Error) => error);
  assert.match(String(refused), /The token service http:\/\/127\.0\.0\.1:\d+\/token of the registry 127\.0\.0\.1:\d+ refused the credentials for 127\.0\.0\.1:\d+ in \/home\/user\/\.docker\/config\.json \(user "builder"\): the user name or the password is wrong \(HTTP 401\)/);
  assert.doesNotMatch(String(refused), /password-/);
});

test('a registry that wants a login, and none configured, names the setting to set, for Basic and for Bearer', async () => {
  await assert.rejects(ask('basic/trainer:latest'), /The registry 127\.0\.0\.1:\d+ wants a login \(WWW-Authenticate: Basic\) and the harness has no credentials for it\. Fix: set KUBEFLOW_BDD_REGISTRY_CONFIG to a docker config file with the login for 127\.0\.0\.1:\d+/);
  // The token service gives anyone a token, which the registry does not take for a private repository.
  await assert.rejects(ask('bearer/trainer:latest'), /wants a login \(WWW-Authenticate: Bearer\) and the harness has no credentials for it\. Fix: set KUBEFLOW_BDD_REGISTRY_CONFIG/);
});

test('Bearer without a login: an anonymous token, which is all a public image needs', async () => {
  tokenRequests.length = 0;
  assert.equal(await ask('public/trainer:latest'), DIGEST);
  assert.deepEqual(tokenRequests, ['service=fake-registry&scope=repository%3Apublic%2Ftrainer%3Apull anonymous']);
});

test('a token service out of reach, or failing, is named with its address and what it said', async () => {
  await assert.rejects(ask('gone/trainer:latest', LOGIN), /Could not reach the token service http:\/\/127\.0\.0\.1:\d+\/token of the registry 127\.0\.0\.1:\d+: ECONNREFUSED/);
  await assert.rejects(ask('broken/trainer:latest', LOGIN), /The token service http:\/\/127\.0\.0\.1:\d+\/token-broken of the registry 127\.0\.0\.1:\d+ answered HTTP 500: token database down/);
});

test('a missing image, a registry out of reach and none configured are each named with the fix', async () => {
  await assert.rejects(ask('open/other:latest'), /The registry 127\.0\.0\.1:\d+ holds no image open\/other:latest \(HEAD .* answered 404\)/);
  await assert.rejects(manifestDigest({ host: `127.0.0.1:${closedPort}`, insecure: true }, 'open/trainer:latest'), /Could not reach the registry 127\.0\.0\.1:\d+ .*ECONNREFUSED\. Fix: check KUBEFLOW_BDD_REGISTRY\./);
  await assert.rejects(manifestDigest({ host, insecure: false }, 'open/trainer:latest'), /Could not reach the registry .* set KUBEFLOW_BDD_REGISTRY_INSECURE=true if it speaks plain HTTP/);
  await assert.rejects(manifestDigest({ insecure: false }, 'open/trainer:latest'), /No registry is configured.*Fix: set KUBEFLOW_BDD_REGISTRY/);
});
