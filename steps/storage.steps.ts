import { Given } from '@cucumber/cucumber';
import { createSharedClaim } from '../support/cluster/volume';
import type { KubeflowWorld } from '../support/world';

Given('a ReadWriteMany volume claim {string} of {word} is bound', async function (this: KubeflowWorld, name: string, size: string) {
  await createSharedClaim(this, name, size);
});
