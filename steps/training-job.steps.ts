import { Then } from '@cucumber/cucumber';
import type { KindRef } from '../support/cluster/kinds';
import { awaitJobSucceeded, awaitReplicaPods, expectReplicasSucceeded } from '../support/kubeflow/jobs';
import type { KubeflowWorld } from '../support/world';

Then('the {jobKind} has {int} {replicaType} pod(s)', async function (this: KubeflowWorld, kind: KindRef, count: number, type: string) {
  await awaitReplicaPods(this, kind, type, count);
});

Then('the {jobKind} succeeds', async function (this: KubeflowWorld, kind: KindRef) {
  await awaitJobSucceeded(this, kind);
});

Then('every {replicaType} replica of the {jobKind} succeeded', async function (this: KubeflowWorld, type: string, kind: KindRef) {
  await expectReplicasSucceeded(this, kind, type);
});
