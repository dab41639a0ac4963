import { Exec, type V1Status } from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import type { Clients } from './client';
import { explain } from './errors';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** The process's exit code, from the Status the API server sends at the end. */
  exitCode: number;
}

/** A stream that keeps what is written to it. */
export function collector(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
}

/** The exit code a finished exec's Status reports: Success is 0, NonZeroExitCode carries it. */
function exitCodeOf(status: V1Status): number {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message ? Number(cause.message) : 1;
}

/**
 * Runs a command in a container, as `kubectl exec` does, its output written to the
 * streams given (binary safe, for a tar of a folder); resolves with its exit code.
 */
export function execStreaming(clients: Clients, target: { namespace: string; pod: string; container: string }, command: string[], stdout: Writable, stderr: Writable): Promise<number> {
  const { namespace, pod, container } = target;
  return new Promise<number>((resolve, reject) => {
    new Exec(clients.kubeConfig)
      .exec(namespace, pod, container, command, stdout, stderr, null, false, (status) => resolve(exitCodeOf(status)))
      .then((socket) => socket.on('error', (error: Error) => reject(explain(error, `Running ${command[0]} in pod ${pod}`))))
      .catch((error: unknown) => reject(explain(error, `Running ${command[0]} in pod ${pod}`)));
  });
}

/** Runs a command in a container and collects what it printed. */
export async function execInPod(clients: Clients, namespace: string, pod: string, container: string, command: string[]): Promise<ExecResult> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const exitCode = await execStreaming(clients, { namespace, pod, container }, command, collector(stdout), collector(stderr));
  return { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), exitCode };
}
