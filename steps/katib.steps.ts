import { Given, Then, When } from '@cucumber/cucumber';
import { awaitExperimentSucceeded, createExperiment, expectOptimalMetricPrinted, expectSuggestionGone, expectTrialsSucceeded, requireKatib } from '../support/kubeflow/katib';
import type { KubeflowWorld } from '../support/world';

Given('the cluster serves Katib Experiments', async function (this: KubeflowWorld) {
  await requireKatib(this);
});

When('I create the Experiment from {string}', async function (this: KubeflowWorld, file: string) {
  await createExperiment(this, file);
});

Then('the Experiment succeeds', async function (this: KubeflowWorld) {
  await awaitExperimentSucceeded(this);
});

Then('{int} trial(s) of the Experiment succeeded, as many as it allows', async function (this: KubeflowWorld, count: number) {
  await expectTrialsSucceeded(this, count);
});

Then("the Experiment's optimal trial carries the objective metric its training printed", async function (this: KubeflowWorld) {
  await expectOptimalMetricPrinted(this);
});

Then("the Experiment's suggestion service is gone", async function (this: KubeflowWorld) {
  await expectSuggestionGone(this);
});
