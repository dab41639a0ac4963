import { Given, Then, When } from '@cucumber/cucumber';
import { awaitNotebookPod, startNotebook, startUnselectedPod } from '../support/kubeflow/notebook';
import {
  createPodDefault,
  createSecret,
  expectClaimMounted,
  expectEnvFromSecret,
  expectEnvValue,
  expectNothingInjected,
  expectProcessEnv,
  expectRequests,
  expectSecretMounted,
  expectSecretSeen,
} from '../support/kubeflow/poddefault';
import type { KubeflowWorld } from '../support/world';

Given('the secret {string} with the key {string} from {string}', async function (this: KubeflowWorld, name: string, key: string, file: string) {
  await createSecret(this, file, name, key);
});

Given('the PodDefault {string} from {string}', async function (this: KubeflowWorld, name: string, file: string) {
  await createPodDefault(this, file, name);
});

When(
  'I start the notebook {string} labelled {string} with {word} CPU and {word} memory on the volume {string}',
  async function (this: KubeflowWorld, name: string, label: string, cpu: string, memory: string, claim: string) {
    const [key, value] = label.split('=');
    await startNotebook(this, name, { labels: { [key]: value ?? '' }, cpu, memory, claim });
  },
);

When('I start the pod {string} without that label', async function (this: KubeflowWorld, name: string) {
  await startUnselectedPod(this, name);
});

Then('the pod of the notebook {string} is running', async function (this: KubeflowWorld, name: string) {
  await awaitNotebookPod(this, name);
});

Then('the pod of {string} requests {word} CPU and {word} memory', function (this: KubeflowWorld, owner: string, cpu: string, memory: string) {
  expectRequests(this, owner, cpu, memory);
});

Then('the pod of {string} has the env {string} set to {string}', function (this: KubeflowWorld, owner: string, name: string, value: string) {
  expectEnvValue(this, owner, name, value);
});

Then(
  'the pod of {string} has the env {string} from the key {string} of the secret {string}',
  function (this: KubeflowWorld, owner: string, name: string, key: string, secret: string) {
    expectEnvFromSecret(this, owner, name, key, secret);
  },
);

Then('the pod of {string} mounts the secret {string} at {string}', function (this: KubeflowWorld, owner: string, secret: string, path: string) {
  expectSecretMounted(this, owner, secret, path);
});

Then('the pod of {string} mounts the volume claim {string} at {string}', function (this: KubeflowWorld, owner: string, claim: string, path: string) {
  expectClaimMounted(this, owner, claim, path);
});

Then('the pod of {string} has nothing from the PodDefault {string}', async function (this: KubeflowWorld, owner: string, name: string) {
  await expectNothingInjected(this, owner, name);
});

Then('the process in the pod of {string} sees the env {string} set to {string}', async function (this: KubeflowWorld, owner: string, name: string, value: string) {
  await expectProcessEnv(this, owner, name, value);
});

Then(
  'the process in the pod of {string} sees the key {string} of the secret {string} in the env {string}',
  async function (this: KubeflowWorld, owner: string, key: string, secret: string, env: string) {
    await expectSecretSeen(this, owner, secret, key, { env });
  },
);

Then(
  'the process in the pod of {string} reads the key {string} of the secret {string} from the file {string}',
  async function (this: KubeflowWorld, owner: string, key: string, secret: string, file: string) {
    await expectSecretSeen(this, owner, secret, key, { file });
  },
);
