/** Why a kubeconfig cannot be used: where and what, what kubectl makes of it, and the fix. */
export interface KubeconfigProblem {
  /** Names the file and the context, cluster or user at fault. */
  what: string;
  /** kubectl's own reason for the same kubeconfig, or what it does instead. */
  kubectl: string;
  fix: string;
}

/** Every problem found, each with its fix, so one run names them all; the first line says the first. */
export class KubeconfigError extends Error {
  constructor(problems: KubeconfigProblem[], note?: string) {
    const told = problems.map(({ what, kubectl, fix }) => `${what}; ${kubectl}.\nFix: ${fix}`);
    super([...told, ...(note ? [note] : [])].join('\n'));
    this.name = 'KubeconfigError';
  }
}
