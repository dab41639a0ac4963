import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readConfig } from '../../support/config';
import { rKernelSkipReason } from '../../support/kubeflow/notebook-server';

test('the R notebook scenario is skipped, saying why and how to require it, where no R image is configured', () => {
  assert.match(rKernelSkipReason(['notebook', 'r-kernel'], readConfig({})) ?? '', /no Jupyter image with an R kernel is configured.*KUBEFLOW_BDD_IMAGE_NOTEBOOK_R.*KUBEFLOW_BDD_REQUIRE=r-kernel/);
  assert.equal(rKernelSkipReason(['notebook'], readConfig({})), undefined);
  assert.equal(rKernelSkipReason(['notebook', 'r-kernel'], readConfig({ KUBEFLOW_BDD_IMAGE_NOTEBOOK_R: 'team/jupyter-r:1' })), undefined);
  assert.equal(rKernelSkipReason(['notebook', 'r-kernel'], readConfig({ KUBEFLOW_BDD_REQUIRE: 'r-kernel' })), undefined);
});
