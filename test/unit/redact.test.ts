import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { dockerConfigJson } from '../../support/cluster/docker-config';
import { loadManifest } from '../../support/cluster/manifest';
import { REDACTED, Redactor } from '../../support/diagnostics/redact';

const login = { username: 'builder', password: 'fixture-registry-password-7f3a', file: 'config.json' };
const dockerConfig = Buffer.from(dockerConfigJson('registry.kubeflow-bdd.invalid', login)).toString('base64');
const fixtures = [...loadManifest('poddefault/test-secret.yaml'), ...loadManifest('kaniko/registry-secret.yaml', { name: 'creds', dockerConfig })];

test('secret values from the fixtures never survive redaction', () => {
  const redactor = new Redactor();
  redactor.learn(fixtures);
  const text = 'token fixture-secret-value-9c1e4b, password fixture-registry-password-7f3a, auth YnVpbGRlcjpmaXh0dXJlLXJlZ2lzdHJ5LXBhc3N3b3JkLTdmM2E=';
  const clean = redactor.text(text);
  assert.doesNotMatch(clean, /fixture-|YnVpbGRlcjpm/);
  assert.ok(clean.includes(REDACTED));
});

test("a docker config's password is removed on its own too, its user and registry are not", () => {
  const redactor = new Redactor();
  redactor.learn(fixtures);
  assert.equal(
    redactor.text('user builder at registry.kubeflow-bdd.invalid, password fixture-registry-password-7f3a'),
    `user builder at registry.kubeflow-bdd.invalid, password ${REDACTED}`,
  );
});

test('a Secret shown in evidence keeps its keys and loses its values', () => {
  const redactor = new Redactor();
  redactor.learn(fixtures);
  const shown = redactor.object(fixtures[0]) as { stringData?: Record<string, string> };
  assert.deepEqual(shown.stringData, { secret_key: REDACTED });
});

test('base64 data is recognised in both forms', () => {
  const redactor = new Redactor();
  const encoded = Buffer.from('s3cr3t-value').toString('base64');
  redactor.learn([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { key: encoded } } as never]);
  assert.equal(redactor.text(`a s3cr3t-value b ${encoded}`), `a ${REDACTED} b ${REDACTED}`);
});
