import { interruption } from '../interrupt';
import { formatDuration } from './duration';
import { WaitError } from './verdict';

const BACKOFF_MS = [250, 500, 1000, 2000];

/**
 * Asks a probe again and again until it answers, for what has no API to watch (a
 * server inside a pod coming up): short backoff, a deadline, and the last failure
 * in the message. Only for that; objects of the API are awaited with waitFor.
 */
export async function pollUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastFailure = 'no answer yet';
  for (let attempt = 0; ; attempt++) {
    if (interruption.signal.aborted) throw interruption.signal.reason as Error;
    try {
      return await probe();
    } catch (error) {
      lastFailure = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
    if (Date.now() >= deadline) {
      throw new WaitError(`Timed out after ${formatDuration(timeoutMs)} waiting for ${what}.\nLast seen: ${lastFailure}`, lastFailure, true);
    }
    await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]));
  }
}
