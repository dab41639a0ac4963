/**
 * Requests the API server refuses at admission, not for want of rights: a
 * namespace's ResourceQuota, Pod Security admission, an admission webhook or
 * policy. They come as HTTP 403 like RBAC refusals (a webhook's own denial may
 * come as 400), but the fix is elsewhere, so each is named with its own.
 */
const REFUSALS: { pattern: RegExp; what: string; fix: string | ((found: RegExpExecArray) => string) }[] = [
  {
    pattern: /exceeded quota/i,
    what: "the namespace's ResourceQuota does not allow it",
    fix: 'raise the quota of the namespace (kubectl describe resourcequota) or ask for less; this is not a matter of RBAC.',
  },
  {
    pattern: /violates PodSecurity/i,
    what: "Pod Security admission refused the pod for the namespace's level",
    fix: 'make the pod meet that level (see the violations above) or run in a namespace with a laxer pod-security.kubernetes.io/enforce label; this is not a matter of RBAC.',
  },
  {
    // Katib's Experiment validator (and KServe's older one) ask for the label a Kubeflow profile namespace carries.
    pattern: /the namespace lacks label "([^":]+): ([^"]+)"/,
    what: 'the namespace lacks a label that the webhook asks for',
    fix: ([, key, value]) =>
      `label the namespace as a Kubeflow profile namespace is labelled (kubectl label namespace <namespace> ${key}=${value}), or unset KUBEFLOW_BDD_NAMESPACE to run in namespaces the harness makes; this is not a matter of RBAC.`,
  },
  {
    pattern: /admission webhook "[^"]+" denied the request|denied by ValidatingAdmissionPolicy/i,
    what: 'an admission webhook or policy denied it',
    fix: 'read the denial above and meet the policy, or ask the platform team that runs it; this is not a matter of RBAC.',
  },
];

export interface Refusal {
  what: string;
  fix: string;
}

export function admissionRefusal(message: string): Refusal | undefined {
  for (const refusal of REFUSALS) {
    const found = refusal.pattern.exec(message);
    if (found) return { what: refusal.what, fix: typeof refusal.fix === 'string' ? refusal.fix : refusal.fix(found) };
  }
  return undefined;
}
