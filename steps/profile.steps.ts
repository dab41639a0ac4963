import { Then, When, type DataTable } from '@cucumber/cucumber';
import { KINDS, type KindName } from '../support/cluster/kinds';
import { awaitUserProfileNamespace, createUserProfile, expectOwnerMayCreate, expectProfileAccounts, expectProfileBindings } from '../support/kubeflow/profile';
import type { KubeflowWorld } from '../support/world';

When('I create a Profile for the owner', async function (this: KubeflowWorld) {
  await createUserProfile(this);
});

Then("the profile's namespace is made with the Kubeflow profile label", async function (this: KubeflowWorld) {
  await awaitUserProfileNamespace(this);
});

Then("the profile's namespace has the ServiceAccounts {string} and {string}", async function (this: KubeflowWorld, first: string, second: string) {
  await expectProfileAccounts(this, [first, second]);
});

Then("the profile's namespace has these RoleBindings:", async function (this: KubeflowWorld, table: DataTable) {
  await expectProfileBindings(this, table.hashes() as { binding: string; role: string }[]);
});

Then("the owner may create these in the profile's namespace:", async function (this: KubeflowWorld, table: DataTable) {
  await expectOwnerMayCreate(this, table.hashes().map((row) => KINDS[row.kind as KindName]));
});
