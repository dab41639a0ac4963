// Settings, options and kubeconfigs that must not let a run look right, run the way a
// user runs them and with no cluster: each stops the run quickly with the cause and
// the fix, one line each and no stack trace, and the reports still say why.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { reportFiles, runFeatures, type Run } from './run';

const folder = mkdtempSync(join(tmpdir(), 'kubeflow-bdd-settings-'));
/** Cucumber's start and the reports take a few seconds; a run that waited on a cluster would take far longer. */
const QUICK_SECONDS = 30;

/** A run with no kubeconfig but the one given, and no cluster in the home folder either. */
const runWith = (env: NodeJS.ProcessEnv, args = ['--tags', '@tfjob']) => runFeatures(args, { ownCluster: true, env: { KUBECONFIG: join(folder, 'none'), HOME: folder, ...env } });

function assertStoppedWithReports(run: Run, code: number): void {
  assert.equal(run.code, code, run.output);
  assert.ok(run.seconds < QUICK_SECONDS, `took ${run.seconds} s`);
  assert.doesNotMatch(run.output, /^\s+at .*\(.*:\d+:\d+\)$/m, 'no stack trace');
  assert.equal(reportFiles(run.reports).length, 4, `reports written in ${run.reports}`);
}

function write(name: string, text: string, mode = 0o644): string {
  const file = join(folder, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

/** A kubeconfig whose one context, ctx, uses the cluster and user given. */
function kubeconfig(name: string, cluster: Record<string, unknown>, user: Record<string, unknown>, context = { cluster: 'c1', user: 'u1' }): string {
  return write(
    name,
    stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'c1', cluster }], users: [{ name: 'u1', user }], contexts: [{ name: 'ctx', context }], 'current-context': 'ctx' }),
  );
}

test('a misspelt variable, a boolean spelt otherwise and an empty image stop the run at once, each named with its fix', async () => {
  const run = await runWith({ KUBEFLOW_BDD_REGISTERY: 'registry.local:5000', KUBEFLOW_BDD_PROFILE_NAMESPACES: 'False', KUBEFLOW_BDD_IMAGE_PYTORCH: '' });
  assertStoppedWithReports(run, 2);
  assert.match(
    run.output,
    new RegExp(
      [
        'The run did not start:',
        '  3 settings are wrong:',
        '  - KUBEFLOW_BDD_REGISTERY is not a setting of kubeflow-bdd, so it would be ignored\\. Fix: did you mean KUBEFLOW_BDD_REGISTRY\\?',
        '  - KUBEFLOW_BDD_PROFILE_NAMESPACES="False" is neither true nor false\\. Fix: write true or false, in lower case, or unset it for the default \\(true\\)\\.',
        '  - KUBEFLOW_BDD_IMAGE_PYTORCH is set but empty\\. Fix: give it a value, or unset it for the default \\(.*pytorch-mnist.*\\)\\.',
      ].join('\n'),
    ),
  );
  assert.match(readFileSync(join(run.reports, 'junit.xml'), 'utf8'), /errors="1"[\s\S]*KUBEFLOW_BDD_REGISTERY is not a setting/);
});

test('an empty optional setting is no error: it means unset, as the README says', async () => {
  const run = await runWith({ KUBEFLOW_BDD_IMAGE_NOTEBOOK_R: '', KUBEFLOW_BDD_NAMESPACE: '', KUBEFLOW_BDD_REGISTRY: '', KUBEFLOW_BDD_STORAGE_CLASS: '' }, ['--dry-run', '--tags', '@r-kernel']);
  assert.equal(run.code, 0, run.output);
});

test('bad command-line options get one line each with the fix, not cucumber\'s stack trace', async () => {
  const [parallel, unknown] = await Promise.all([runWith({}, ['--parallel', 'abc']), runWith({}, ['--paralel', '2', '--retry', 'x', '--tags'])]);
  assertStoppedWithReports(parallel, 2);
  assert.match(parallel.output, /The run did not start:\n {2}--parallel abc is not a whole number\. Fix: give 0 or more, e\.g\. --parallel 2\.\n/);
  assertStoppedWithReports(unknown, 2);
  assert.match(
    unknown.output,
    /3 options are wrong:\n {2}- --paralel is not an option of npm run features or cucumber-js 12\. Fix: did you mean --parallel\?\n {2}- --retry x is not a whole number\. .*\n {2}- --tags needs a value \(<EXPRESSION>\)\. Fix: /,
  );
});

test('an unusable kubeconfig fails every scenario with the file, the entry at fault, kubectl\'s reason and the fix; the reports are still written', async () => {
  const missing = join(folder, 'missing.yaml');
  const notYaml = write('not-yaml.yaml', 'clusters: [one\n');
  const noCluster = kubeconfig('no-cluster.yaml', { server: 'https://127.0.0.1:1' }, { token: 'abc' }, { cluster: 'c2', user: 'u1' });
  const noPlugin = kubeconfig('no-plugin.yaml', { server: 'https://127.0.0.1:1' }, { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'kfbdd-no-such-auth-plugin' } });
  const plugin = write('expired-plugin', '#!/bin/sh\necho "error: the SSO session has expired" >&2\nexit 3\n', 0o755);
  const failingPlugin = kubeconfig('failing-plugin.yaml', { server: 'https://127.0.0.1:1' }, { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: plugin } });
  const cases: [string, RegExp][] = [
    [missing, /No cluster is configured: KUBECONFIG names .*missing\.yaml, which does not exist; .*\n\s+Fix: point KUBECONFIG at your cluster's kubeconfig, or run `npm run features:sandbox`/],
    [notYaml, /The kubeconfig .*not-yaml\.yaml is not a kubeconfig: it is not YAML \(.*\); kubectl refuses it too .*\n\s+Fix: correct it/],
    [noCluster, /The kubeconfig .*no-cluster\.yaml: context "ctx" names the cluster "c2", which is not defined \(its clusters: c1\); `kubectl config view --minify` says "cannot locate cluster c2"\.\n\s+Fix: `kubectl config set-context ctx --cluster=c1`/],
    [noPlugin, /The kubeconfig .*no-plugin\.yaml: user "u1" gets its credentials from the plugin kfbdd-no-such-auth-plugin, which is not installed \(not found on PATH\); kubectl says "exec: executable kfbdd-no-such-auth-plugin not found"\.\n\s+Fix: install kfbdd-no-such-auth-plugin/],
    [failingPlugin, /The kubeconfig .*failing-plugin\.yaml: the credential plugin .*expired-plugin of user "u1" failed, so no request could be authenticated; it said: error: the SSO session has expired; .*\n\s+Fix: run `.*expired-plugin` yourself/],
  ];
  const runs = await Promise.all(cases.map(([KUBECONFIG]) => runWith({ KUBECONFIG })));
  runs.forEach((run, index) => {
    assertStoppedWithReports(run, 1);
    assert.match(run.output, /The cluster could not be used, so every scenario failed:/);
    assert.match(run.output, cases[index][1]);
    // What the client library says underneath, and the reason it used to give for all of them.
    assert.doesNotMatch(run.output, /ENOENT|KUBECONFIG is unset/);
    assert.match(readFileSync(join(run.reports, 'html', 'index.html'), 'utf8'), /Fix: /);
  });
});
