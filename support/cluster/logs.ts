import type { Clients } from './client';
import { explain } from './errors';

export interface LogRequest {
  namespace: string;
  pod: string;
  container?: string;
  tailLines?: number;
  previous?: boolean;
}

export async function readLog(clients: Clients, request: LogRequest): Promise<string> {
  try {
    return await clients.core.readNamespacedPodLog({
      name: request.pod,
      namespace: request.namespace,
      container: request.container,
      tailLines: request.tailLines,
      previous: request.previous,
    });
  } catch (error) {
    throw explain(error, `Reading the log of pod ${request.pod}${request.container ? ` container ${request.container}` : ''}`);
  }
}

/** The last line that matches, for assertions on what a program printed last. */
export function lastMatch(log: string, pattern: RegExp): RegExpMatchArray | undefined {
  const lines = log.split('\n').reverse();
  for (const line of lines) {
    const match = line.match(pattern);
    if (match) return match;
  }
  return undefined;
}
