import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { missingComponentSkipReason } from '../../support/kubeflow/optional-components';

test('a scenario that starts a Notebook is skipped, saying why, only where the kind is not served and the area not required', () => {
  assert.match(missingComponentSkipReason(['poddefault', 'notebook'], [], []) ?? '', /this platform serves no Notebook \(kubeflow\.org\/v1\): Kubeflow's notebook controller is not installed\. Set KUBEFLOW_BDD_REQUIRE=notebook/);
  assert.equal(missingComponentSkipReason(['poddefault', 'notebook'], ['Notebook'], []), undefined);
  assert.equal(missingComponentSkipReason(['poddefault'], [], []), undefined);
  assert.equal(missingComponentSkipReason(['notebook'], [], ['notebook']), undefined);
});

test('a serving scenario is skipped where KServe is not installed, unless required', () => {
  assert.match(missingComponentSkipReason(['kserve'], ['Notebook'], []) ?? '', /this platform serves no InferenceService \(serving\.kserve\.io\/v1beta1\): KServe is not installed\. Set KUBEFLOW_BDD_REQUIRE=kserve to make this a failure\./);
  assert.equal(missingComponentSkipReason(['kserve'], ['InferenceService'], []), undefined);
  assert.equal(missingComponentSkipReason(['kserve'], [], ['kserve']), undefined);
});
