/**
 * What a condition says about the objects it watches: met, still waiting (with a
 * one-line account of what it saw), or never going to be met.
 */
export type Verdict =
  | { kind: 'met' }
  | { kind: 'waiting'; seen: string }
  | { kind: 'impossible'; reason: string };

export const met = (): Verdict => ({ kind: 'met' });
export const waiting = (seen: string): Verdict => ({ kind: 'waiting', seen });
export const impossible = (reason: string): Verdict => ({ kind: 'impossible', reason });

/** Raised when a wait ends without its condition: the message carries what was last seen. */
export class WaitError extends Error {
  constructor(
    message: string,
    readonly lastSeen: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = timedOut ? 'WaitTimeoutError' : 'ConditionImpossibleError';
    // The message tells the whole story; a stack through timers and sockets would only bury it.
    this.stack = `${this.name}: ${message}`;
  }
}
