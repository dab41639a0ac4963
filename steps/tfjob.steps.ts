import { Then, When } from '@cucumber/cucumber';
import { KINDS } from '../support/cluster/kinds';
import { createTrainingJob, expectConverged } from '../support/kubeflow/jobs';
import type { KubeflowWorld } from '../support/world';

When(
  'I create the TFJob from {string} with {int} parameter server(s) and {int} worker(s)',
  async function (this: KubeflowWorld, file: string, ps: number, workers: number) {
    await createTrainingJob(this, KINDS.TFJob, file, { ps, workers });
  },
);

Then(
  'the log of {replicaType} {int} of the TFJob reports a converged validation cross entropy after {int} training steps',
  async function (this: KubeflowWorld, type: string, index: number, steps: number) {
    await expectConverged(this, KINDS.TFJob, type, index, steps);
  },
);
