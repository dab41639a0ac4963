import { Given, Then, When } from '@cucumber/cucumber';
import {
  awaitNodePods,
  awaitTrainJobComplete,
  createTrainJob,
  expectEveryNodeSucceeded,
  expectNodeAccuracy,
  requireTrainJobPlatform,
} from '../support/kubeflow/trainjob';
import type { KubeflowWorld } from '../support/world';

Given('the cluster serves TrainJobs with their JobSet and training runtime', async function (this: KubeflowWorld) {
  await requireTrainJobPlatform(this);
});

When('I create the TrainJob from {string} with {int} node(s)', async function (this: KubeflowWorld, file: string, nodes: number) {
  await createTrainJob(this, file, nodes);
});

Then('the TrainJob has {int} node pod(s)', async function (this: KubeflowWorld, count: number) {
  await awaitNodePods(this, count);
});

Then('the TrainJob completes', async function (this: KubeflowWorld) {
  await awaitTrainJobComplete(this);
});

Then('every node of the TrainJob succeeded', async function (this: KubeflowWorld) {
  await expectEveryNodeSucceeded(this);
});

Then('the log of node {int} of the TrainJob reports an accuracy of at least {float}', async function (this: KubeflowWorld, index: number, threshold: number) {
  await expectNodeAccuracy(this, index, threshold);
});
