import type { KubernetesObject } from '@kubernetes/client-node';
import { impossible, met, waiting, type Verdict } from '../wait/verdict';
import type { JobCondition } from './training-job';

/** Why KServe could not load a model, from the container that failed (the storage initializer or the model server). */
export interface FailureInfo {
  reason?: string;
  message?: string;
  exitCode?: number;
}

/** KServe's InferenceService (serving.kserve.io/v1beta1), as far as the harness reads it. */
export interface InferenceService extends KubernetesObject {
  spec?: { predictor?: { model?: { modelFormat?: { name?: string }; storageUri?: string; runtime?: string } } };
  status?: {
    conditions?: JobCondition[];
    url?: string;
    address?: { url?: string };
    modelStatus?: {
      transitionStatus?: string;
      states?: { activeModelState?: string; targetModelState?: string };
      lastFailureInfo?: FailureInfo;
      copies?: { totalCopies?: number };
    };
  };
}

/** The label KServe puts on the pods of an InferenceService. */
export const INFERENCE_SERVICE_LABEL = 'serving.kserve.io/inferenceservice';

/** The Deployment and Service KServe makes for a predictor in Standard (RawDeployment) mode. */
export const predictorName = (name: string): string => `${name}-predictor`;

/**
 * Model states KServe does not leave by itself: the model failed to load
 * (BlockedByFailedLoad: the storage initializer or the model server exited in
 * error or loops crashing) or the spec names no runtime that can serve it (InvalidSpec).
 */
const STUCK_TRANSITIONS = new Set(['BlockedByFailedLoad', 'InvalidSpec']);

const condition = (service: InferenceService, type: string): JobCondition | undefined => service.status?.conditions?.find((c) => c.type === type);

function describeFailure(info: FailureInfo | undefined): string {
  if (!info) return 'KServe gave no failure info';
  const exit = info.exitCode === undefined ? '' : `, exit ${info.exitCode}`;
  return `${info.reason ?? 'no reason'}${exit}: ${info.message?.trim() || 'no message'}`;
}

/** "PredictorReady=False (…), IngressReady=True, Ready=False; model Pending" */
export function serviceState(service: InferenceService): string {
  const conditions = (service.status?.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`);
  const model = service.status?.modelStatus;
  const modelState = model ? `model ${model.states?.targetModelState ?? '?'} (${model.transitionStatus ?? '?'})` : 'no model status yet';
  return `${conditions.join(', ') || 'no conditions yet'}; ${modelState}`;
}

/** Ready is the goal; a model KServe could not load, or a spec it cannot serve, ends the wait at once. */
export function isServing(services: InferenceService[]): Verdict {
  const service = services[0];
  if (!service) return waiting('the InferenceService does not exist (yet)');
  if (condition(service, 'Ready')?.status === 'True') return met();
  const model = service.status?.modelStatus;
  if (model?.transitionStatus && STUCK_TRANSITIONS.has(model.transitionStatus)) {
    return impossible(`KServe could not load the model (${model.transitionStatus}): ${describeFailure(model.lastFailureInfo)}. State: ${serviceState(service)}`);
  }
  return waiting(serviceState(service));
}

export function diagnoseInferenceService(services: InferenceService[]): string | undefined {
  const service = services[0];
  if (!service) return 'the InferenceService was deleted while waiting.';
  if (!service.status?.conditions?.length) return 'KServe has not reported on the InferenceService: check that the KServe controller manager runs (kubectl get pods -n kserve).';
  return undefined;
}
