/**
 * Requests the API server refuses at admission, not for want of rights: a
 * namespace's ResourceQuota, Pod Security admission, an admission webhook or
 * policy. They come as HTTP 403 like RBAC refusals, but the fix is elsewhere, so
 * each is named with its own.
 */
const REFUSALS: { pattern: RegExp; what: string; fix: string }[] = [
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
  const found = REFUSALS.find((refusal) => refusal.pattern.test(message));
  return found && { what: found.what, fix: found.fix };
}
