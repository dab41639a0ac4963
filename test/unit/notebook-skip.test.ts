import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { notebookSkipReason } from '../../support/kubeflow/notebook';

test('a scenario that starts a Notebook is skipped, saying why and how to require it, where the kind is not served', () => {
  assert.match(notebookSkipReason(['poddefault', 'notebook'], false, []) ?? '', /this platform serves no Notebook \(kubeflow\.org\/v1\): Kubeflow's notebook controller is not installed\. Set KUBEFLOW_BDD_REQUIRE=notebook/);
  assert.equal(notebookSkipReason(['poddefault', 'notebook'], true, []), undefined);
  assert.equal(notebookSkipReason(['poddefault'], false, []), undefined);
  assert.equal(notebookSkipReason(['notebook'], false, ['notebook']), undefined);
});
