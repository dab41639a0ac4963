// Every way a kubeconfig can be unusable, each compared with what kubectl 1.36 says
// of the same file (the quoted reasons are its own).
import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { makeClients } from '../../support/cluster/client';
import { loadKubeConfig } from '../../support/cluster/kubeconfig';
import { readConfig } from '../../support/config';
import { fingerprint } from '../../support/report/fingerprint';
import { fakeApi } from './fake-api';

const folder = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-kubeconfig-'));
let files = 0;

/** A file in the test's folder; its name says what it holds. */
function write(name: string, text: string, mode = 0o644): string {
  const file = join(folder, `${++files}-${name}`);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

interface Parts {
  cluster?: Record<string, unknown>;
  user?: Record<string, unknown>;
  context?: Record<string, unknown>;
  current?: string;
}

/** A kubeconfig of one context, ctx, of cluster c1 and user u1, with the parts given replaced. */
function kubeconfig(name: string, parts: Parts = {}): string {
  return write(
    `${name}.yaml`,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c1', cluster: parts.cluster ?? { server: 'https://127.0.0.1:1' } }],
      users: [{ name: 'u1', user: parts.user ?? { token: 'abc' } }],
      contexts: [{ name: 'ctx', context: parts.context ?? { cluster: 'c1', user: 'u1' } }],
      'current-context': parts.current ?? 'ctx',
    }),
  );
}

/** The message loading it gives, in full. */
function refusal(KUBECONFIG: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    loadKubeConfig({ KUBECONFIG, HOME: folder, PATH: '/usr/bin:/bin', ...env });
  } catch (error) {
    return (error as Error).message;
  }
  return 'loaded';
}

test('a kubeconfig kubectl can use loads, relative paths taken from its own folder and tokenFile read as kubectl reads it', () => {
  const token = write('token', 'from-token-file');
  const file = kubeconfig('good', { user: { tokenFile: token.slice(folder.length + 1) } });
  const loaded = loadKubeConfig({ KUBECONFIG: `${join(folder, 'absent.yaml')}:${file}`, HOME: folder });
  assert.equal(loaded.getCurrentCluster()?.server, 'https://127.0.0.1:1');
  assert.equal(loaded.getCurrentUser()?.token, 'from-token-file');
});

test('a plain-HTTP server (kubectl proxy) is reached without TLS settings, as kubectl reaches it', async () => {
  const api = await fakeApi([{ status: 200, body: { gitVersion: 'v1.36.3' } }]);
  try {
    const file = kubeconfig('plain-http', { cluster: { server: api.kubeConfig.getCurrentCluster()?.server } });
    assert.equal((await makeClients(loadKubeConfig({ KUBECONFIG: file })).version.getCode()).gitVersion, 'v1.36.3');
  } finally {
    await api.close();
  }
});

test('the first file to set a value wins, as for kubectl, and entries the current context does not use are not checked', () => {
  const first = write('first.yaml', stringify({ 'current-context': 'ctx', clusters: [{ name: 'c1', cluster: { server: 'https://first:6443' } }, { name: 'unused' }] }));
  const second = kubeconfig('second', { current: 'other' });
  assert.equal(loadKubeConfig({ KUBECONFIG: `${first}:${second}` }).getCurrentCluster()?.server, 'https://first:6443');
});

test('no kubeconfig at all names KUBECONFIG or the default file, and the fix', () => {
  const missing = join(folder, 'missing.yaml');
  assert.equal(
    refusal(missing),
    `No cluster is configured: KUBECONFIG names ${missing}, which does not exist; kubectl falls back to http://localhost:8080 and says "The connection to the server localhost:8080 was refused".\n` +
      "Fix: point KUBECONFIG at your cluster's kubeconfig, or run `npm run features:sandbox` to use the local sandbox.",
  );
  assert.match(refusal('', { HOME: join(folder, 'nobody') }), new RegExp(`^No cluster is configured: KUBECONFIG is unset and ${folder}/nobody/\\.kube/config does not exist;`));
});

test('a file that is not YAML, or not a kubeconfig, is named with what it holds', () => {
  const notYaml = write('not-yaml.yaml', 'clusters: [one\n');
  assert.match(refusal(notYaml), new RegExp(`^The kubeconfig ${notYaml} is not a kubeconfig: it is not YAML \\(.*line 2.*\\); kubectl refuses it too \\("error loading config file \\\\"${notYaml}\\\\""\\)\\.\nFix: correct it, or point KUBECONFIG at your cluster's kubeconfig`));
  assert.match(refusal(write('pod.yaml', 'apiVersion: v1\nkind: Pod\n')), /is not a kubeconfig: it is a Pod of apiVersion v1, not a Config of v1;/);
  assert.match(refusal(write('text.yaml', 'hello\n')), /is not a kubeconfig: it holds the string "hello", not the fields of one;/);
  assert.match(refusal(write('list.yaml', 'clusters: c1\n')), /is not a kubeconfig: its clusters is not a list;/);
});

test('a current-context that is empty or names no context says which contexts there are', () => {
  const empty = kubeconfig('no-current', { current: '' });
  assert.equal(refusal(empty), `The kubeconfig ${empty} sets no current-context (its contexts: ctx); kubectl says "current-context is not set".\nFix: choose one: \`kubectl config use-context ctx\`.`);
  const wrong = kubeconfig('wrong-current', { current: 'cxt' });
  assert.equal(
    refusal(wrong),
    `The kubeconfig ${wrong} sets current-context "cxt", which names no context (its contexts: ctx); kubectl says "context was not found for specified context: cxt".\nFix: choose one: \`kubectl config use-context ctx\`.`,
  );
});

test('a context naming a cluster or user that is not defined, or no cluster, says so, not "no cluster configured"', () => {
  const noCluster = kubeconfig('missing-cluster', { context: { cluster: 'c2', user: 'u1' } });
  assert.equal(
    refusal(noCluster),
    `The kubeconfig ${noCluster}: context "ctx" names the cluster "c2", which is not defined (its clusters: c1); \`kubectl config view --minify\` says "cannot locate cluster c2".\n` +
      'Fix: `kubectl config set-context ctx --cluster=c1`, or define it: `kubectl config set-cluster c2 --server=https://<host>:<port>`.',
  );
  assert.match(refusal(kubeconfig('missing-user', { context: { cluster: 'c1', user: 'u2' } })), /context "ctx" names the user "u2", which is not defined \(its users: u1\); `kubectl config view --minify` says "cannot locate user u2"\.\nFix: `kubectl config set-context ctx --user=u1`/);
  assert.match(refusal(kubeconfig('context-without-cluster', { context: { user: 'u1' } })), /context "ctx" names no cluster \(its clusters: c1\); kubectl falls back to http:\/\/localhost:8080/);
});

test('a cluster without a server, and certificate, key and token files that do not exist, are each named with kubectl\'s reason', () => {
  const noServer = kubeconfig('no-server', { cluster: { 'insecure-skip-tls-verify': true } });
  assert.equal(refusal(noServer), `The kubeconfig ${noServer}: cluster "c1" has no server; kubectl says "no server found for cluster \\"c1\\"".\nFix: give it the API server's address: \`kubectl config set-cluster c1 --server=https://<host>:<port>\`.`);
  const files = kubeconfig('missing-files', { cluster: { server: 'https://127.0.0.1:1', 'certificate-authority': 'ca.crt' }, user: { 'client-certificate': 'u1.crt', 'client-key': '/nonexistent/u1.key' } });
  const ca = join(folder, 'ca.crt');
  const lines = refusal(files).split('\n');
  assert.deepEqual(lines.filter((line) => line.startsWith('Fix: ')).length, 3);
  assert.equal(lines[0], `The kubeconfig ${files}: the certificate-authority ${ca} of cluster "c1" does not exist; kubectl says "unable to read certificate-authority ${ca} for c1 due to open ${ca}: no such file or directory".`);
  assert.equal(lines[1], `Fix: put the file there, or correct certificate-authority of cluster "c1" in ${files}.`);
  assert.match(lines[2], /the client-certificate .*u1\.crt of user "u1" does not exist; kubectl says "unable to read client-cert .*u1\.crt for u1 due to open .*: no such file or directory"/);
  assert.match(lines[4], /the client-key \/nonexistent\/u1\.key of user "u1" does not exist; kubectl says "unable to read client-key/);
  assert.match(refusal(kubeconfig('token-file', { user: { tokenFile: 'gone-token' } })), /: the tokenFile .*gone-token of user "u1" does not exist; kubectl says "open .*gone-token: no such file or directory"\.\nFix: put the file there, or correct tokenFile of user "u1" in /);
  assert.match(refusal(kubeconfig('cert-only', { user: { 'client-certificate-data': 'Y2VydA==' } })), /user "u1" has a client certificate but no key; kubectl says "client-key-data or client-key must be specified for u1/);
});

test('a credential plugin that is not installed is named with the user entry and its install hint, not as spawn ENOENT', () => {
  const exec = { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'kfbdd-no-such-plugin', installHint: 'Install it with:\n  brew install kfbdd-no-such-plugin' };
  const file = kubeconfig('plugin-missing', { user: { exec } });
  assert.equal(
    refusal(file),
    `The kubeconfig ${file}: user "u1" gets its credentials from the plugin kfbdd-no-such-plugin, which is not installed (not found on PATH); kubectl says "exec: executable kfbdd-no-such-plugin not found".\n` +
      'Fix: install kfbdd-no-such-plugin (Install it with: brew install kfbdd-no-such-plugin), or put the folder that holds it on PATH.',
  );
  // Found on PATH, it passes; a path is taken from the kubeconfig's folder, as kubectl takes it.
  write('kfbdd-plugin', '#!/bin/sh\n', 0o755);
  assert.equal(refusal(kubeconfig('plugin-on-path', { user: { exec: { ...exec, command: `${files}-kfbdd-plugin` } } }), { PATH: folder }), 'loaded');
  assert.match(refusal(kubeconfig('plugin-path', { user: { exec: { ...exec, command: './bin/plugin' } } })), new RegExp(`plugin ${folder}/bin/plugin, which is not installed \\(no executable file there\\)`));
});

test('a credential plugin that fails at the first request is named with its stderr and the fix, before any scenario', async () => {
  const api = await fakeApi([{ status: 200, body: { gitVersion: 'v1.36.3' } }]);
  try {
    const plugin = write('expired-plugin', '#!/bin/sh\necho "error: the SSO session has expired" >&2\nexit 3\n', 0o755);
    const server = api.kubeConfig.getCurrentCluster()?.server;
    const file = kubeconfig('plugin-fails', { cluster: { server }, user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: plugin, args: ['token'] } } });
    const clients = makeClients(loadKubeConfig({ KUBECONFIG: file }));
    await assert.rejects(fingerprint(clients, readConfig({})), (error: Error) => {
      assert.equal(
        error.message,
        `The kubeconfig ${file}: the credential plugin ${plugin} of user "u1" failed, so no request could be authenticated; it said: error: the SSO session has expired; kubectl fails the same way ("getting credentials: exec: executable ${plugin} failed").\n` +
          `Fix: run \`${plugin} token\` yourself to see what it needs (often a new login, e.g. aws sso login or gcloud auth login), then run again.`,
      );
      return true;
    });
    assert.deepEqual(api.requests, [], 'no request without credentials');
  } finally {
    await api.close();
  }
});
