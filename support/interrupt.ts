import { setMaxListeners } from 'node:events';

/**
 * Ctrl-C or SIGTERM ends the run in order instead of killing it: waits in progress
 * stop, the scenario that was running fails and cleans up after itself, the ones
 * not yet started are skipped, and cucumber still writes every report.
 */
export const interruption = new AbortController();
// Every wait in progress listens for it, and a process may hold many at once (the
// bench holds one per job): no listener count here means a leak.
setMaxListeners(0, interruption.signal);

export class InterruptedError extends Error {
  constructor(signal: string) {
    super(`Interrupted by ${signal}: the run stops here, after cleaning up what this scenario created.`);
    this.name = 'InterruptedError';
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interruption.abort(new InterruptedError(signal));
    // A second signal means "now": the runner sweeps by run id afterwards.
    process.once(signal, () => process.exit(130));
  });
}
