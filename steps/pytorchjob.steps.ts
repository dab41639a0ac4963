import { Then, When } from '@cucumber/cucumber';
import { KINDS } from '../support/cluster/kinds';
import { createTrainingJob, expectAccuracyAtLeast } from '../support/kubeflow/jobs';
import type { KubeflowWorld } from '../support/world';

When('I create the PyTorchJob from {string} with {int} worker(s)', async function (this: KubeflowWorld, file: string, workers: number) {
  await createTrainingJob(this, KINDS.PyTorchJob, file, { workers });
});

Then(
  'the log of {replicaType} {int} of the PyTorchJob reports an accuracy of at least {float}',
  async function (this: KubeflowWorld, type: string, index: number, threshold: number) {
    await expectAccuracyAtLeast(this, KINDS.PyTorchJob, type, index, threshold);
  },
);
