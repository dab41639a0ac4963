// What a training program reports in its log, read with the patterns of the
// configuration (KUBEFLOW_BDD_ACCURACY_PATTERN, KUBEFLOW_BDD_CONVERGENCE_PATTERN).
import { expect } from 'chai';
import { lastMatch } from '../cluster/logs';

const lastLines = (log: string, count: number): string => log.trimEnd().split('\n').slice(-count).join('\n');

function noMatch(who: string, what: string, pattern: RegExp, variable: string, log: string): Error {
  return new Error(
    `The log of ${who} reports no ${what}: no line matches ${pattern}. If its image prints it another way, set ${variable}. Its end:\n${lastLines(log, 10)}`,
  );
}

/** The last accuracy the log reports, at or above the threshold. `who` names the replica or node. */
export function expectLogAccuracy(log: string, who: string, threshold: number, pattern: RegExp): void {
  const match = lastMatch(log, pattern);
  if (!match) throw noMatch(who, 'accuracy', pattern, 'KUBEFLOW_BDD_ACCURACY_PATTERN', log);
  const accuracy = Number(match[1]);
  if (!(accuracy >= threshold)) {
    throw new Error(
      `${who} reports an accuracy of ${match[1]}, below the threshold ${threshold}: the job ran to the end but the model did not learn well enough. Its last lines:\n${lastLines(log, 5)}`,
    );
  }
}

/** The last validation the log reports came after at least `steps` global steps, with a finite cross entropy at most `maximum`. */
export function expectLogConverged(log: string, who: string, steps: number, maximum: number, pattern: RegExp): void {
  const match = lastMatch(log, pattern);
  if (!match) throw noMatch(who, 'validation cross entropy', pattern, 'KUBEFLOW_BDD_CONVERGENCE_PATTERN', log);
  // Asynchronous workers may each take one more step once the global step reaches the goal.
  expect(Number(match[1]), `global training steps reported by ${who}`).to.be.at.least(steps);
  expect(Number.isFinite(Number(match[2])), `validation cross entropy "${match[2]}" is a finite number`).to.equal(true);
  if (!(Number(match[2]) <= maximum)) {
    throw new Error(
      `${who} reports a validation cross entropy of ${match[2]} after ${match[1]} steps, above the threshold ${maximum} (KUBEFLOW_BDD_CROSS_ENTROPY_MAX): ` +
        `the job ran to the end but the model did not converge. Its last lines:\n${lastLines(log, 5)}`,
    );
  }
}
