import type { KubernetesObject, V1Deployment, V1OwnerReference, V1Pod, V1Service } from '@kubernetes/client-node';
import { expect } from 'chai';
import { awaitPodPhase } from '../cluster/checks';
import { requireServed } from '../cluster/capabilities';
import { explain, isNotFound } from '../cluster/errors';
import { KINDS } from '../cluster/kinds';
import { readLog } from '../cluster/logs';
import { createSharedClaim } from '../cluster/volume';
import type { HttpAnswer } from '../cluster/http-call';
import { conditionTime, secondsSinceCreation } from '../cluster/timing';
import { guardedByPods } from '../wait/guards';
import { pollUntil } from '../wait/poll';
import type { KubeflowWorld } from '../world';
import { predictorEndpoint, refusalProblem } from './predictor-endpoint';
import { awaitTakenUp } from './taken-up';
import { diagnoseInferenceService, INFERENCE_SERVICE_LABEL, isServing, predictorName, type InferenceService } from './inference-service-status';

/** The model format of the scenario's model; KServe picks the runtime that serves it. */
const MODEL_FORMAT = 'sklearn';
/** The folder of the claim the trained model is written to, which the storage URI names. */
const MODEL_FOLDER = 'iris';
/** The iris measurements Kubeflow's platform CI sends (tests/kserve_sklearn_test.py): two flowers of class 1, versicolor. */
export const IRIS_INPUT = [
  [6.8, 2.8, 4.8, 1.4],
  [6.0, 3.4, 4.5, 1.6],
];

interface ServingRuntime extends KubernetesObject {
  spec?: {
    disabled?: boolean;
    supportedModelFormats?: { name?: string; autoSelect?: boolean; priority?: number }[];
    containers?: { name?: string; image?: string }[];
  };
}

const sklearnFormat = (runtime: ServingRuntime) => runtime.spec?.supportedModelFormats?.find((format) => format.name === MODEL_FORMAT && format.autoSelect);

/**
 * The cluster serves InferenceServices and has a runtime KServe picks for sklearn
 * models: its image serves the scenario's model, and trains it too, so the model
 * is written by the scikit-learn that will load it.
 */
export async function requireSklearnRuntime(world: KubeflowWorld): Promise<void> {
  await requireServed(world.clients, KINDS.InferenceService, world.namespace);
  const { apiVersion, kind } = KINDS.ClusterServingRuntime;
  let runtimes: ServingRuntime[];
  try {
    runtimes = (await world.clients.objects.list<ServingRuntime>(apiVersion, kind)).items;
  } catch (error) {
    throw explain(error, 'Listing the ClusterServingRuntimes');
  }
  const [runtime] = runtimes.filter((candidate) => !candidate.spec?.disabled && sklearnFormat(candidate)).sort((a, b) => (sklearnFormat(b)?.priority ?? 0) - (sklearnFormat(a)?.priority ?? 0));
  const image = runtime?.spec?.containers?.[0]?.image;
  if (!runtime || !image) {
    throw new Error(
      `No ClusterServingRuntime serves ${MODEL_FORMAT} models (none enabled lists the format with autoSelect), so KServe has no server for the scenario's model.\n` +
        "Fix: install KServe's default runtimes (its ClusterServingRuntime kserve-sklearnserver), or enable the one that is disabled (kubectl get clusterservingruntimes).",
    );
  }
  world.servingRuntime = { name: runtime.metadata?.name as string, image };
}

function servingRuntime(world: KubeflowWorld): { name: string; image: string } {
  if (!world.servingRuntime) throw new Error('No serving runtime was found earlier in this scenario. Fix: begin with the step that checks the cluster serves InferenceServices.');
  return world.servingRuntime;
}

/** A pod with the runtime's own image trains an iris classifier on scikit-learn's bundled data and writes it to the claim. */
export async function trainIrisClassifier(world: KubeflowWorld, file: string, claim: string): Promise<void> {
  const [pod] = await world.create<V1Pod>(file, { image: servingRuntime(world).image, claim, folder: MODEL_FOLDER });
  const name = pod.metadata?.name as string;
  await awaitPodPhase(world, name, 'Succeeded');
  world.log((await readLog(world.clients, { namespace: world.namespace, pod: name })).trimEnd());
  world.modelUri = `pvc://${claim}/${MODEL_FOLDER}`;
}

/**
 * The model the scenario serves: the one KUBEFLOW_BDD_KSERVE_MODEL_URI names
 * (for a platform without ReadWriteMany storage, or with its own model), or else
 * one trained onto a new ReadWriteMany claim.
 */
export async function provideIrisClassifier(world: KubeflowWorld, file: string, claim: string, size: string): Promise<void> {
  const { modelUri } = world.config.serving;
  if (modelUri) {
    world.log(`Serving the model at ${modelUri}, which KUBEFLOW_BDD_KSERVE_MODEL_URI names; none is trained.`);
    world.modelUri = modelUri;
    return;
  }
  await createSharedClaim(world, claim, size);
  await trainIrisClassifier(world, file, claim);
}

/** An InferenceService of the model provided earlier in the scenario. */
export async function createInferenceService(world: KubeflowWorld, file: string, name: string): Promise<void> {
  const storageUri = world.modelUri;
  if (!storageUri) throw new Error('No model was provided earlier in this scenario. Fix: add the step that trains it (or takes the configured one) before this one.');
  await world.create<InferenceService>(file, { name, storageUri, modelFormat: MODEL_FORMAT });
  world.subjects.set(`inference service ${name}`, { kind: KINDS.InferenceService, name });
}

/**
 * Ready within the serving timeout. A model KServe cannot load ends the wait at
 * once with its failure info, and the predictor's pods guard it: a crash loop ends
 * it with the server's last lines, an unplaceable pod after POD_STUCK.
 */
export async function awaitInferenceServiceReady(world: KubeflowWorld, name: string): Promise<void> {
  const what = `InferenceService ${name} to be Ready`;
  const timeoutMs = world.config.timeouts.modelServing;
  const guard = { ...world.guard(what, timeoutMs), labelSelector: `${INFERENCE_SERVICE_LABEL}=${name}`, owners: [{ kind: KINDS.InferenceService.kind, name }] };
  const [ready] = await guardedByPods(guard, async (signal) => {
    await awaitTakenUp(world, 'the KServe controller', KINDS.InferenceService, name, signal, diagnoseInferenceService);
    return world.waitFor<InferenceService>({ what, kind: KINDS.InferenceService, name, timeoutMs, signal, evaluate: isServing, diagnose: diagnoseInferenceService });
  });
  world.recordWorkloadTime('time to Ready', secondsSinceCreation(ready, conditionTime(ready, 'Ready')));
}

const controlledBy = (object: KubernetesObject, name: string): V1OwnerReference | undefined =>
  object.metadata?.ownerReferences?.find((owner) => owner.controller && owner.kind === KINDS.InferenceService.kind && owner.name === name);

async function readOwned<T extends KubernetesObject>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) throw new Error(`KServe made no ${what}, which serves the model in Standard (RawDeployment) mode. Fix: check the KServe controller's log for this InferenceService.`);
    throw explain(error, `Reading ${what}`);
  }
}

/** KServe's Deployment and Service for the predictor exist, belong to the InferenceService, and the Deployment has a pod available. */
export async function expectPredictorWorkload(world: KubeflowWorld, name: string): Promise<void> {
  const objectName = predictorName(name);
  const { namespace } = world;
  const deployment = await readOwned<V1Deployment>(`Deployment ${objectName}`, () => world.clients.apps.readNamespacedDeployment({ name: objectName, namespace }));
  const service = await readOwned<V1Service>(`Service ${objectName}`, () => world.clients.core.readNamespacedService({ name: objectName, namespace }));
  for (const [what, object] of [[`Deployment ${objectName}`, deployment], [`Service ${objectName}`, service]] as const) {
    expect(controlledBy(object, name), `the controller owner of ${what} (InferenceService ${name})`).to.not.equal(undefined);
  }
  expect(deployment.status?.availableReplicas ?? 0, `available replicas of Deployment ${objectName}`).to.be.at.least(1);
  const podLabels = deployment.spec?.template.metadata?.labels ?? {};
  const selector = service.spec?.selector ?? {};
  expect(Object.keys(selector).length, `the selector of Service ${objectName}`).to.be.above(0);
  expect(podLabels, `the pod labels of Deployment ${objectName}, which Service ${objectName} selects`).to.include(selector);
}

/**
 * Sends a request to the predictor, where the settings say (predictor-endpoint.ts).
 * A proxy or gateway answers 502 or 503 for a moment while the Service's endpoints
 * catch up with a Ready predictor. Where a token is sent, the same request without
 * it must be refused.
 */
async function askPredictor(world: KubeflowWorld, name: string, path: string, json: unknown): Promise<unknown> {
  const endpoint = await predictorEndpoint(world, name);
  const request = `POST ${path} to InferenceService ${name} ${endpoint.where}${endpoint.credentials}`;
  world.log(request);
  let answer: HttpAnswer;
  try {
    answer = await pollUntil(`the predictor of InferenceService ${name} to answer POST ${path}`, world.config.timeouts.serverAnswers, async () => {
      const reply = await endpoint.send(path, json);
      if (reply.status === 502 || reply.status === 503) throw new Error(`HTTP ${reply.status}: ${reply.body.slice(0, 200)}`);
      return reply;
    });
  } catch (error) {
    throw explain(error, request);
  }
  if (answer.status !== 200) {
    const refused = endpoint.credentials && [401, 403].includes(answer.status);
    const fix = refused ? `\nFix: give the ServiceAccount the right to ask the namespace's models (a profile's default-editor has it), or name another in KUBEFLOW_BDD_KSERVE_TOKEN_ACCOUNT.` : '';
    throw new Error(`${request} answered HTTP ${answer.status}: ${answer.body.slice(0, 500)}${fix}`);
  }
  if (endpoint.sendWithoutToken) {
    const problem = refusalProblem(await endpoint.sendWithoutToken(path, json), `POST ${path} to InferenceService ${name} ${endpoint.where}`);
    if (problem) throw new Error(problem);
  }
  try {
    return JSON.parse(answer.body);
  } catch {
    throw new Error(`${request} answered no JSON but: ${answer.body.slice(0, 200)}`);
  }
}

/** KServe's v1 protocol: {"instances": [...]} answers {"predictions": [...]}. */
export async function expectPredictions(world: KubeflowWorld, name: string, expected: number[]): Promise<void> {
  const answer = (await askPredictor(world, name, `v1/models/${name}:predict`, { instances: IRIS_INPUT })) as { predictions?: unknown };
  expect(answer.predictions, `the classes InferenceService ${name} predicts for ${JSON.stringify(IRIS_INPUT)} (v1 protocol), expected against actual`).to.deep.equal(expected);
}

/** The Open Inference Protocol (v2): one FP32 input tensor of the measurements, the classes in the first output. */
export async function expectOpenInferencePredictions(world: KubeflowWorld, name: string, expected: number[]): Promise<void> {
  const request = { inputs: [{ name: 'input-0', shape: [IRIS_INPUT.length, IRIS_INPUT[0].length], datatype: 'FP32', data: IRIS_INPUT }] };
  const answer = (await askPredictor(world, name, `v2/models/${name}/infer`, request)) as { outputs?: { data?: unknown }[] };
  expect(answer.outputs?.[0]?.data, `the classes InferenceService ${name} predicts for ${JSON.stringify(IRIS_INPUT)} (Open Inference Protocol), expected against actual`).to.deep.equal(expected);
}
