import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { closestName } from '../../support/closest-name';
import { KNOWN_VARIABLES, readConfig } from '../../support/config';
import { VARIABLES } from '../../support/settings';

const ROOT = join(__dirname, '..', '..');
/** They hold misspelt names on purpose. */
const MISSPELLING_TESTS = ['test/unit/settings.test.ts', 'test/harness/settings.test.ts'];

/** The project's files, tracked or new, without what git ignores (node_modules, reports, .sandbox). */
function projectFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  // Regular files only: a link (an image's /opt/spark) may point at anything on this machine.
  return listed.split('\0').filter((file) => file !== '' && !MISSPELLING_TESTS.includes(file) && existsSync(join(ROOT, file)) && lstatSync(join(ROOT, file)).isFile());
}

/** Each KUBEFLOW_BDD_* name and the files that hold it; a name ending in _ is a family (KUBEFLOW_BDD_TIMEOUT_<NAME>), not a variable. */
function namesInProject(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of projectFiles()) {
    for (const [name] of readFileSync(join(ROOT, file), 'utf8').matchAll(/KUBEFLOW_BDD_[A-Z0-9_]+/g)) {
      if (!name.endsWith('_')) found.set(name, [...new Set([...(found.get(name) ?? []), file])]);
    }
  }
  return found;
}

test('every KUBEFLOW_BDD_* variable the code reads or the README documents is a known setting', () => {
  const unknown = [...namesInProject()].filter(([name]) => !KNOWN_VARIABLES.includes(name)).map(([name, files]) => `${name} (${files.join(', ')})`);
  assert.deepEqual(unknown, [], 'add these to support/settings.ts');
});

test('every known setting is read somewhere: the list holds no name the project has dropped', () => {
  const used = namesInProject();
  const unused = VARIABLES.filter((name) => !(used.get(name) ?? []).some((file) => file !== 'support/settings.ts'));
  assert.deepEqual(unused, []);
});

test('an unknown KUBEFLOW_BDD_* variable is an error that names it and the closest known name', () => {
  assert.throws(() => readConfig({ KUBEFLOW_BDD_REGISTERY: 'registry.local:5000' }), /^Error: KUBEFLOW_BDD_REGISTERY is not a setting of kubeflow-bdd, so it would be ignored\. Fix: did you mean KUBEFLOW_BDD_REGISTRY\?$/);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_TIMEOUT_POD_RUNING: '5m' }), /Fix: did you mean KUBEFLOW_BDD_TIMEOUT_POD_RUNNING\?/);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_COLOUR: 'blue' }), /KUBEFLOW_BDD_COLOUR is not a setting of kubeflow-bdd, so it would be ignored\. Fix: remove it, or use one of the names in README's Configuration\./);
});

test('a name near enough is suggested, one far off is not', () => {
  assert.equal(closestName('REGISTERY', ['REGISTRY', 'REGISTRY_INSECURE']), 'REGISTRY');
  assert.equal(closestName('--paralel', ['--parallel', '--profile']), '--parallel');
  assert.equal(closestName('--allow-emtpy', ['--allow-empty']), '--allow-empty');
  assert.equal(closestName('COLOUR', ['REGISTRY', 'NAMESPACE']), undefined);
});

test('a boolean is true or false, in lower case; any other spelling is an error, not a silent default', () => {
  assert.equal(readConfig({ KUBEFLOW_BDD_PROFILE_NAMESPACES: 'false' }).profileNamespaces, false);
  assert.equal(readConfig({ KUBEFLOW_BDD_REGISTRY_INSECURE: 'true' }).registry.insecure, true);
  assert.equal(readConfig({}).profileNamespaces, true);
  assert.equal(readConfig({}).registry.insecure, false);
  for (const value of ['False', 'TRUE', '1', '0', 'yes', '']) {
    assert.throws(
      () => readConfig({ KUBEFLOW_BDD_PROFILE_NAMESPACES: value }),
      new RegExp(`^Error: KUBEFLOW_BDD_PROFILE_NAMESPACES="${value}" is neither true nor false\\. Fix: write true or false, in lower case, or unset it for the default \\(true\\)\\.$`),
    );
  }
  assert.throws(() => readConfig({ KUBEFLOW_BDD_REGISTRY_INSECURE: '1' }), /KUBEFLOW_BDD_REGISTRY_INSECURE="1" is neither true nor false\. Fix: .*\(false\)/);
});

test('an empty value where one is needed names the variable; where empty means unset, it still does', () => {
  assert.throws(() => readConfig({ KUBEFLOW_BDD_IMAGE_PYTORCH: '' }), /^Error: KUBEFLOW_BDD_IMAGE_PYTORCH is set but empty\. Fix: give it a value, or unset it for the default \(docker\.io\/kubeflowkatib\/pytorch-mnist:/);
  assert.throws(() => readConfig({ KUBEFLOW_BDD_TIMEOUT_STEP: ' ' }), /KUBEFLOW_BDD_TIMEOUT_STEP is set but empty\. Fix: .*\(30m\)/);
  for (const name of ['KUBEFLOW_BDD_TRAINING_RUNTIME', 'KUBEFLOW_BDD_RUN_ID', 'KUBEFLOW_BDD_HISTORY_KEEP', 'KUBEFLOW_BDD_ACCURACY_PATTERN', 'KUBEFLOW_BDD_CROSS_ENTROPY_MAX', 'KUBEFLOW_BDD_REPORTS']) {
    assert.throws(() => readConfig({ [name]: '' }), new RegExp(`^Error: ${name} is set but empty\\.`));
  }
  const unset = readConfig({ KUBEFLOW_BDD_IMAGE_NOTEBOOK_R: '', KUBEFLOW_BDD_NAMESPACE: '', KUBEFLOW_BDD_STORAGE_CLASS: '', KUBEFLOW_BDD_REGISTRY: '', KUBEFLOW_BDD_REQUIRE: '' });
  assert.deepEqual([unset.images.notebookR, unset.namespace, unset.storageClass, unset.registry.host, unset.require], [undefined, undefined, undefined, undefined, []]);
});

test('every bad setting is named at once, in one error', () => {
  const env = { KUBEFLOW_BDD_REGISTERY: 'r', KUBEFLOW_BDD_REGISTRY_INSECURE: 'yes', KUBEFLOW_BDD_IMAGE_SHELL: '', KUBEFLOW_BDD_TIMEOUT_JOB_SUCCEEDED: 'ten minutes', KUBEFLOW_BDD_REQUIRE: 'mpijob' };
  assert.throws(() => readConfig(env), (error: Error) => {
    const lines = error.message.split('\n');
    assert.equal(lines[0], '5 settings are wrong:');
    for (const name of Object.keys(env)) assert.equal(lines.filter((line) => line.startsWith(`- ${name}`)).length, 1, `${name} in:\n${error.message}`);
    assert.ok(lines.slice(1).every((line) => line.includes('Fix: ')), error.message);
    return true;
  });
});
