import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { awaitRollout, expectReleaseDeployed, expectResources, expectRevisionWentUp, upgradeRelease } from '../support/kubeflow/upgrade';
import type { KubeflowWorld } from '../support/world';

Given("the platform's Helm release is deployed", async function (this: KubeflowWorld) {
  await expectReleaseDeployed(this);
});

When('the release is upgraded with the values in {string}', async function (this: KubeflowWorld, file: string) {
  await upgradeRelease(this, file);
});

Then('the release revision went up and its status is deployed', async function (this: KubeflowWorld) {
  await expectRevisionWentUp(this);
});

Then("the platform's pods are rolled out and ready", async function (this: KubeflowWorld) {
  await awaitRollout(this);
});

Then("every container of the platform's pods has these resources:", async function (this: KubeflowWorld, table: DataTable) {
  await expectResources(this, table.hashes());
});
