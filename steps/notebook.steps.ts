import { Then, When } from '@cucumber/cucumber';
import { awaitServerAnswers, expectCellPrints, expectKernel, startNotebookServer } from '../support/kubeflow/notebook-server';
import type { KubeflowWorld } from '../support/world';

When('I start the notebook server {string} with {word} CPU and {word} memory', async function (this: KubeflowWorld, name: string, cpu: string, memory: string) {
  await startNotebookServer(this, name, 'Python', cpu, memory);
});

When('I start the R notebook server {string} with {word} CPU and {word} memory', async function (this: KubeflowWorld, name: string, cpu: string, memory: string) {
  await startNotebookServer(this, name, 'R', cpu, memory);
});

Then('the notebook server {string} answers through the API server', async function (this: KubeflowWorld, name: string) {
  await awaitServerAnswers(this, name);
});

Then('the notebook server {string} offers the kernel {string}', async function (this: KubeflowWorld, name: string, kernel: string) {
  await expectKernel(this, name, kernel);
});

Then(
  'the {string} kernel of the notebook server {string} runs this cell and prints {string}:',
  async function (this: KubeflowWorld, kernel: string, name: string, expected: string, cell: string) {
    await expectCellPrints(this, name, kernel, cell, expected);
  },
);
