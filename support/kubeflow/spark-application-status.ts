import type { KubernetesObject } from '@kubernetes/client-node';
import { impossible, met, waiting, type Verdict } from '../wait/verdict';

/** The Spark Operator's SparkApplication (sparkoperator.k8s.io/v1beta2), as far as the harness reads it. */
export interface SparkApplication extends KubernetesObject {
  spec?: { executor?: { instances?: number } };
  status?: {
    applicationState?: { state?: string; errorMessage?: string };
    driverInfo?: { podName?: string };
    /** Each executor pod's state: PENDING, RUNNING, COMPLETED, FAILED, UNKNOWN. */
    executorState?: Record<string, string>;
    sparkApplicationId?: string;
    submissionAttempts?: number;
  };
}

/** The labels the operator and Spark put on an application's pods. */
export const SPARK_APP_LABEL = 'sparkoperator.k8s.io/app-name';
export const SPARK_ROLE_LABEL = 'spark-role';

/**
 * States the operator does not leave by itself (without a retry policy, which the
 * scenario's applications do not have): the submission failed (spark-submit
 * refused it) or the application failed (the driver did).
 */
const FAILED_STATES = new Set(['FAILED', 'SUBMISSION_FAILED']);

/** "RUNNING; driver spark-pi-driver; executors: spark-pi-…-exec-1 RUNNING" */
export function applicationState(application: SparkApplication): string {
  const status = application.status ?? {};
  const executors = Object.entries(status.executorState ?? {}).map(([pod, state]) => `${pod} ${state}`);
  return [
    `state ${status.applicationState?.state || 'new (not submitted yet)'}`,
    status.driverInfo?.podName ? `driver ${status.driverInfo.podName}` : 'no driver yet',
    `executors: ${executors.join(', ') || 'none yet'}`,
  ].join('; ');
}

/** COMPLETED is the goal; a failed submission or a failed application ends the wait at once, with the operator's error. */
export function hasCompleted(applications: SparkApplication[]): Verdict {
  const application = applications[0];
  if (!application) return waiting('the SparkApplication does not exist (yet)');
  const state = application.status?.applicationState;
  if (state?.state === 'COMPLETED') return met();
  if (state?.state && FAILED_STATES.has(state.state)) {
    return impossible(`the SparkApplication ended ${state.state}: ${state.errorMessage?.trim() || 'the operator gave no error message'}. State: ${applicationState(application)}`);
  }
  return waiting(applicationState(application));
}

export function diagnoseSparkApplication(applications: SparkApplication[]): string | undefined {
  const application = applications[0];
  if (!application) return 'the SparkApplication was deleted while waiting.';
  if (!application.status?.applicationState?.state) return 'the Spark Operator has not submitted the application: check that its controller runs (kubectl get pods -n kubeflow -l app.kubernetes.io/name=spark-operator).';
  return undefined;
}

/** What the operator last saw of an executor that started: its pod runs, or ran to the end. */
const STARTED = new Set(['RUNNING', 'COMPLETED']);

/**
 * Why the executors did not all start, if they did not: as many as the spec asks,
 * each RUNNING or COMPLETED as the operator last saw it (it may not see the last
 * executor end before the application completes).
 */
export function executorProblem(application: SparkApplication): string | undefined {
  const wanted = application.spec?.executor?.instances ?? 1;
  const states = Object.entries(application.status?.executorState ?? {});
  if (states.filter(([, state]) => STARTED.has(state)).length >= wanted) return undefined;
  return `SparkApplication ${application.metadata?.name} asks for ${wanted} executor(s); the operator saw ${states.length ? states.map(([pod, state]) => `${pod} ${state}`).join(', ') : 'none'}.`;
}
