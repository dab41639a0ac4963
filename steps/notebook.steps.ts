import { Then, When } from '@cucumber/cucumber';
import { awaitServerAnswers, expectCellPrints, expectKernels, startNotebookServer } from '../support/kubeflow/notebook-server';
import type { KubeflowWorld } from '../support/world';

When('I start the notebook server {string} with {word} CPU and {word} memory', async function (this: KubeflowWorld, name: string, cpu: string, memory: string) {
  await startNotebookServer(this, name, cpu, memory);
});

Then('the notebook server {string} answers through the API server', async function (this: KubeflowWorld, name: string) {
  await awaitServerAnswers(this, name);
});

Then('the notebook server {string} offers the kernels {string} and {string}', async function (this: KubeflowWorld, name: string, first: string, second: string) {
  await expectKernels(this, name, [first, second]);
});

Then(
  'the {string} kernel of the notebook server {string} runs this cell and prints {string}:',
  async function (this: KubeflowWorld, kernel: string, name: string, expected: string, cell: string) {
    await expectCellPrints(this, name, kernel, cell, expected);
  },
);
