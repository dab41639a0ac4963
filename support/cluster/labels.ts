/** Labels that mark what the harness creates, so a later run or `features:clean` can find leftovers. */
export const RUN_ID_LABEL = 'kubeflow-bdd.io/run-id';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'kubeflow-bdd';
/** Profile namespaces are the ones the PodDefault webhook mutates. */
export const PROFILE_LABEL = 'app.kubernetes.io/part-of';
export const PROFILE_VALUE = 'kubeflow-profile';
/** Katib injects its metrics collector into trial pods of namespaces with this label, which the profile controller gives every profile's. */
export const KATIB_INJECTION_LABEL = 'katib.kubeflow.org/metrics-collector-injection';

export function harnessLabels(runId: string): Record<string, string> {
  return { [RUN_ID_LABEL]: runId, [MANAGED_BY_LABEL]: MANAGED_BY };
}

/** What Kubernetes puts on a Job's pods: the Job's name, and in an Indexed Job the pod's index. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const JOB_INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';
