import { Given, Then, When } from '@cucumber/cucumber';
import {
  awaitBuildCompleted,
  ensureServiceAccount,
  expectImageInRegistry,
  expectImageKept,
  expectImagePushed,
  putBuildContext,
  registrySecret,
  startBuild,
} from '../support/kubeflow/kaniko';
import type { KubeflowWorld } from '../support/world';

Given('the service account {string} exists', async function (this: KubeflowWorld, name: string) {
  await ensureServiceAccount(this, name);
});

Given('a Dockerfile and its build context are on the volume {string}', async function (this: KubeflowWorld, claim: string) {
  await putBuildContext(this, claim);
});

Given('the Dockerfile and build context from {string} are on the volume {string}', async function (this: KubeflowWorld, file: string, claim: string) {
  await putBuildContext(this, claim, file);
});

Given('the registry credentials are in the secret {string}', async function (this: KubeflowWorld, name: string) {
  await registrySecret(this, name);
});

When('Kaniko builds the image {string} from the volume {string}', async function (this: KubeflowWorld, image: string, claim: string) {
  await startBuild(this, image, claim);
});

When(
  'Kaniko builds the image {string} from the volume {string} with the credentials in {string}',
  async function (this: KubeflowWorld, image: string, claim: string, secret: string) {
    await startBuild(this, image, claim, secret);
  },
);

Then('the builder pod completes', async function (this: KubeflowWorld) {
  await awaitBuildCompleted(this);
});

Then('the build log shows the image was built and not pushed', async function (this: KubeflowWorld) {
  await expectImageKept(this);
});

Then('the build log shows the image {string} was pushed', async function (this: KubeflowWorld, image: string) {
  await expectImagePushed(this, image);
});

Then('the registry holds the image {string}', async function (this: KubeflowWorld, image: string) {
  await expectImageInRegistry(this, image);
});
