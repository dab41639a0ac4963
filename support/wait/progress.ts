import { formatDuration } from './duration';

const QUIET_MS = 10_000;

/**
 * Prints a line to stderr while a wait goes on, so a long wait never looks hung:
 * nothing during the first seconds, then what was last seen, at most every few seconds.
 */
export function progressReporter(what: string, write: (line: string) => void = (line) => process.stderr.write(line)) {
  let lastPrinted = 0;
  return (seen: string, elapsedMs: number): void => {
    if (elapsedMs < QUIET_MS || elapsedMs - lastPrinted < QUIET_MS) return;
    lastPrinted = elapsedMs;
    const time = new Date().toISOString().slice(11, 19);
    write(`[kubeflow-bdd ${time}] still waiting (${formatDuration(elapsedMs)}) for ${what}: ${seen}\n`);
  };
}
