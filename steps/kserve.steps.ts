import { Given, Then, When } from '@cucumber/cucumber';
import {
  awaitInferenceServiceReady,
  createInferenceService,
  expectOpenInferencePredictions,
  expectPredictions,
  expectPredictorWorkload,
  provideIrisClassifier,
  requireSklearnRuntime,
  trainIrisClassifier,
} from '../support/kubeflow/kserve';
import type { KubeflowWorld } from '../support/world';

const classes = (list: string): number[] => list.split(',').map((item) => Number(item.trim()));

Given('the cluster serves InferenceServices with a runtime for sklearn models', async function (this: KubeflowWorld) {
  await requireSklearnRuntime(this);
});

Given('an iris classifier trained by the pod of {string} onto the claim {string}', async function (this: KubeflowWorld, file: string, claim: string) {
  await trainIrisClassifier(this, file, claim);
});

Given('an iris classifier trained by the pod of {string} onto a ReadWriteMany claim {string} of {word}, or the model configured for this platform', async function (this: KubeflowWorld, file: string, claim: string, size: string) {
  await provideIrisClassifier(this, file, claim, size);
});

When('I create the InferenceService {string} from {string} for that model', async function (this: KubeflowWorld, name: string, file: string) {
  await createInferenceService(this, file, name);
});

Then('the InferenceService {string} is Ready', async function (this: KubeflowWorld, name: string) {
  await awaitInferenceServiceReady(this, name);
});

Then('the InferenceService {string} serves from the Deployment and Service KServe made for it', async function (this: KubeflowWorld, name: string) {
  await expectPredictorWorkload(this, name);
});

Then("the InferenceService {string} predicts the classes [{}] for Kubeflow CI's iris input", async function (this: KubeflowWorld, name: string, list: string) {
  await expectPredictions(this, name, classes(list));
});

Then('the InferenceService {string} predicts the classes [{}] through the Open Inference Protocol', async function (this: KubeflowWorld, name: string, list: string) {
  await expectOpenInferencePredictions(this, name, classes(list));
});
