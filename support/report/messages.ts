import { existsSync, readFileSync } from 'node:fs';

/** One try of one scenario, as cucumber's message stream tells it. */
export interface Attempt {
  /** `stream` counts the message streams of a merged file (one per shard), from 0. */
  pickle: { id: string; name: string; uri: string; stream: number; tags: { name: string }[] };
  /** The status and time of each step and hook, in order; `gherkin` marks the feature's own steps, `hook` names a hook. */
  steps: { status: string; gherkin: boolean; seconds: number; hook?: string }[];
  willBeRetried: boolean;
  /** Milliseconds since the epoch, from the messages' timestamps. */
  started: number;
  finished: number;
  attachments: { fileName?: string; mediaType: string; body: string }[];
}

export interface RunMessages {
  /**
   * Every scenario cucumber loaded, in the order of the feature files, whether it ran
   * or not; examples of an outline may share a name. A merged file repeats them, once
   * per shard's stream.
   */
  pickles: Attempt['pickle'][];
  /** How many scenarios cucumber selected to run (its test cases), whether they ran or not; none when no tag, name or path matched. */
  selected: number;
  attempts: Attempt[];
  /** Why the run failed outside any scenario, e.g. the cluster check in BeforeAll. */
  runError?: string;
  /** When cucumber started and finished, in milliseconds since the epoch. */
  runStarted?: number;
  runFinished?: number;
}

interface Timestamp {
  seconds: number;
  nanos: number;
}
interface Envelope {
  meta?: unknown;
  hook?: { id: string; name?: string };
  pickle?: Omit<Attempt['pickle'], 'stream'>;
  attachment?: { body: string; mediaType: string; fileName?: string; testCaseStartedId?: string };
  testCase?: { id: string; pickleId: string; testSteps: { id: string; pickleStepId?: string; hookId?: string }[] };
  testCaseStarted?: { id: string; testCaseId: string; timestamp: Timestamp };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: { status: string; duration?: Timestamp } };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean; timestamp: Timestamp };
  testRunStarted?: { timestamp: Timestamp };
  testRunFinished?: { success: boolean; message?: string; exception?: { message?: string }; timestamp: Timestamp };
}

const millis = (t: Timestamp): number => t.seconds * 1000 + Math.round(t.nanos / 1e6);

/**
 * Every finished attempt of a run, read from cucumber's message stream rather than its
 * JSON: the stream is written as the run goes, so an interrupted run still has it, and
 * it knows about retries.
 */
export function readRunMessages(ndjsonFile: string): RunMessages | undefined {
  return existsSync(ndjsonFile) ? parseRunMessages(readFileSync(ndjsonFile, 'utf8')) : undefined;
}

export function parseRunMessages(ndjson: string): RunMessages {
  const hooks = new Map<string, string | undefined>();
  const pickles = new Map<string, Attempt['pickle']>();
  const testCases = new Map<string, NonNullable<Envelope['testCase']>>();
  const open = new Map<string, { testCaseId: string; started: number; results: Map<string, { status: string; seconds: number }>; attachments: Attempt['attachments'] }>();
  const run: RunMessages = { pickles: [], selected: 0, attempts: [] };
  // Each stream begins with its meta message: a merged file holds several.
  let stream = -1;
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const message = JSON.parse(line) as Envelope;
    if (message.meta) stream += 1;
    if (message.pickle) {
      const pickle = { ...message.pickle, stream: Math.max(stream, 0) };
      pickles.set(pickle.id, pickle);
      run.pickles.push(pickle);
    }
    if (message.hook) hooks.set(message.hook.id, message.hook.name);
    if (message.testCase) {
      testCases.set(message.testCase.id, message.testCase);
      run.selected += 1;
    }
    if (message.testCaseStarted) {
      const { id, testCaseId, timestamp } = message.testCaseStarted;
      open.set(id, { testCaseId, started: millis(timestamp), results: new Map(), attachments: [] });
    }
    const attachment = message.attachment;
    if (attachment?.testCaseStartedId) open.get(attachment.testCaseStartedId)?.attachments.push(attachment);
    if (message.testStepFinished) {
      const { testCaseStartedId, testStepId, testStepResult } = message.testStepFinished;
      open.get(testCaseStartedId)?.results.set(testStepId, { status: testStepResult.status, seconds: testStepResult.duration ? millis(testStepResult.duration) / 1000 : 0 });
    }
    if (message.testCaseFinished) {
      const attempt = open.get(message.testCaseFinished.testCaseStartedId);
      const testCase = testCases.get(attempt?.testCaseId ?? '');
      const pickle = pickles.get(testCase?.pickleId ?? '');
      if (!attempt || !testCase || !pickle) continue;
      run.attempts.push({
        pickle,
        steps: testCase.testSteps.map((step) => ({
          status: 'UNKNOWN',
          seconds: 0,
          ...attempt.results.get(step.id),
          gherkin: step.pickleStepId !== undefined,
          hook: step.hookId === undefined ? undefined : hooks.get(step.hookId),
        })),
        willBeRetried: message.testCaseFinished.willBeRetried,
        started: attempt.started,
        finished: millis(message.testCaseFinished.timestamp),
        attachments: attempt.attachments,
      });
    }
    if (message.testRunStarted) run.runStarted = millis(message.testRunStarted.timestamp);
    const finished = message.testRunFinished;
    if (finished) run.runFinished = millis(finished.timestamp);
    if (finished && !finished.success && (finished.exception?.message || finished.message)) {
      run.runError = (finished.exception?.message ?? finished.message) as string;
    }
  }
  return run;
}

const SEVERITY = ['FAILED', 'AMBIGUOUS', 'UNDEFINED', 'PENDING', 'SKIPPED', 'UNKNOWN', 'PASSED'];

/** Statuses from the worst, as the counts list them. */
export const severity = (status: string): number => SEVERITY.indexOf(status.toUpperCase());

/** An attempt's status: that of its worst step or hook. */
export const attemptStatus = (attempt: Attempt): string =>
  attempt.steps.map((step) => step.status).reduce((a, b) => (severity(a) <= severity(b) ? a : b), 'PASSED');
