import { Given, Then, When } from '@cucumber/cucumber';
import type { KindRef } from '../support/cluster/kinds';
import { requireServed } from '../support/cluster/capabilities';
import { awaitCondition, awaitPodPhase, createWithEvidence, expectPodLogContains } from '../support/cluster/checks';
import type { KubeflowWorld } from '../support/world';

Given('the cluster serves {kind}s', async function (this: KubeflowWorld, kind: KindRef) {
  await requireServed(this.clients, kind, this.namespace);
});

When('I create the objects in {string}', async function (this: KubeflowWorld, file: string) {
  await createWithEvidence(this, file);
});

Then('the {kind} {string} has the condition {word}', async function (this: KubeflowWorld, kind: KindRef, name: string, type: string) {
  await awaitCondition(this, kind, name, type);
});

Then('the pod {string} is {word}', async function (this: KubeflowWorld, name: string, phase: string) {
  await awaitPodPhase(this, name, phase);
});

Then('the log of the pod {string} contains {string}', async function (this: KubeflowWorld, name: string, text: string) {
  await expectPodLogContains(this, name, text);
});
