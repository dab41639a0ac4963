// Steps only the harness's own tests use; loaded with --require, never part of a user's run.
import { Then } from '@cucumber/cucumber';
import { expectPodLogContains } from '../../support/cluster/checks';
import type { KubeflowWorld } from '../../support/world';

let calls = 0;

Then('this step fails on its first attempt only', function () {
  calls += 1;
  if (calls === 1) throw new Error('the first attempt fails on purpose');
});

/** Fails with the secret's value in its message: the harness must redact it everywhere. */
Then('the log of the pod {string} shows the key {string} of the secret {string}', async function (this: KubeflowWorld, pod: string, key: string, name: string) {
  const secret = await this.clients.core.readNamespacedSecret({ name, namespace: this.namespace });
  await expectPodLogContains(this, pod, Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8'));
});
