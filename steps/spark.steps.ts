import { Then, When } from '@cucumber/cucumber';
import { awaitSparkApplicationCompleted, createSparkApplication, expectDriverEstimatesPi, expectExecutorsRan } from '../support/kubeflow/spark';
import type { KubeflowWorld } from '../support/world';

When('I create the SparkApplication from {string}', async function (this: KubeflowWorld, file: string) {
  await createSparkApplication(this, file);
});

Then('the SparkApplication completes', async function (this: KubeflowWorld) {
  await awaitSparkApplicationCompleted(this);
});

Then("the SparkApplication's executors ran on the pod network", async function (this: KubeflowWorld) {
  await expectExecutorsRan(this);
});

Then("the driver's log estimates pi within {float}", async function (this: KubeflowWorld, tolerance: number) {
  await expectDriverEstimatesPi(this, tolerance);
});
