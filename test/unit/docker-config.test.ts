import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dockerConfigJson, readRegistryLogin } from '../../support/cluster/docker-config';
import { readConfig } from '../../support/config';

const HOST = 'registry.example.com:5000';
const PASSWORD = 's3cret-registry-password';
const AUTH = Buffer.from(`builder:${PASSWORD}`).toString('base64');
const dir = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-docker-config-'));
let files = 0;

/** A docker config file with this content. */
function configFile(content: unknown): string {
  const file = join(dir, `config-${++files}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The error reading the login throws; it must never hold the password. */
function refusal(file: string): string {
  const message = (() => {
    try {
      readRegistryLogin(file, HOST);
    } catch (error) {
      return (error as Error).message;
    }
    assert.fail('the login was read');
  })();
  assert.ok(!message.includes(PASSWORD) && !message.includes(AUTH), 'the message holds the password');
  return message;
}

test('the login for a registry, as docker login writes it (auth), under host:port or an older https:// key', () => {
  const file = configFile({ auths: { 'other.example.com': { auth: 'eDp5' }, [HOST]: { auth: AUTH } } });
  assert.deepEqual(readRegistryLogin(file, HOST), { username: 'builder', password: PASSWORD, file });
  const older = configFile({ auths: { [`https://${HOST}/v1/`]: { username: 'builder', password: PASSWORD } } });
  assert.deepEqual(readRegistryLogin(older, HOST), { username: 'builder', password: PASSWORD, file: older });
});

test('a credential store or a helper for the registry is refused: the harness cannot run it', () => {
  assert.match(refusal(configFile({ auths: { [HOST]: {} }, credsStore: 'desktop' })), /leaves the login for registry\.example\.com:5000 to the credential store docker-credential-desktop \(credsStore\), a program the harness cannot run\. Fix: give the harness a docker config file of its own with the login inline/);
  assert.match(refusal(configFile({ auths: {}, credHelpers: { [HOST]: 'ecr-login' } })), /to the credential helper docker-credential-ecr-login \(credHelpers\), a program the harness cannot run/);
  const helperElsewhere = configFile({ auths: { [HOST]: { auth: AUTH } }, credHelpers: { 'gcr.io': 'gcloud' } });
  assert.equal(readRegistryLogin(helperElsewhere, HOST).username, 'builder', "another registry's helper does not matter");
});

test('a file without a login for the registry, or with a broken one, is named with what it has and the fix', () => {
  assert.match(refusal(configFile({ auths: { 'other.example.com': { auth: AUTH } } })), /has no login for registry\.example\.com:5000, the registry of KUBEFLOW_BDD_REGISTRY \(it has logins for: other\.example\.com\)\. Fix:/);
  assert.match(refusal(configFile({ auths: { [HOST]: { auth: Buffer.from('no-colon').toString('base64') } } })), /has an "auth" that is not base64 of user:password/);
  assert.match(refusal(configFile({ auths: { [HOST]: { identitytoken: 'abc' } } })), /holds no user and password \("auth"\)/);
  assert.match(refusal(configFile('{"auths": ')), /KUBEFLOW_BDD_REGISTRY_CONFIG names \S+, which is not JSON/);
  assert.match(refusal(join(dir, 'missing.json')), /KUBEFLOW_BDD_REGISTRY_CONFIG names \S+missing\.json, which cannot be read \(ENOENT\)/);
});

test('the Secret for Kaniko carries only the login for the registry, not the rest of the file', () => {
  const login = readRegistryLogin(configFile({ auths: { [HOST]: { auth: AUTH }, 'other.example.com': { auth: 'eDp5' } } }), HOST);
  assert.deepEqual(JSON.parse(dockerConfigJson(HOST, login)), { auths: { [HOST]: { auth: AUTH } } });
});

test('KUBEFLOW_BDD_REGISTRY_CONFIG is a setting: read with the others, its problems stop the run with theirs', () => {
  const file = configFile({ auths: { [HOST]: { auth: AUTH } } });
  assert.equal(readConfig({ KUBEFLOW_BDD_REGISTRY: HOST, KUBEFLOW_BDD_REGISTRY_CONFIG: file }).registry.login?.username, 'builder');
  assert.equal(readConfig({ KUBEFLOW_BDD_REGISTRY: HOST, KUBEFLOW_BDD_REGISTRY_CONFIG: '' }).registry.login, undefined, 'empty means unset');
  assert.throws(() => readConfig({ KUBEFLOW_BDD_REGISTRY_CONFIG: file }), /KUBEFLOW_BDD_REGISTRY_CONFIG is set and KUBEFLOW_BDD_REGISTRY, the registry its login is for, is not/);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_REGISTRY: 'elsewhere.example.com', KUBEFLOW_BDD_REGISTRY_CONFIG: file }), /has no login for elsewhere\.example\.com/);
});
