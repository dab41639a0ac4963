// A fake API server at the HTTP level, for the error paths a real cluster rarely shows on demand.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

export interface Answer {
  status: number;
  /** JSON-encoded, unless it is a string: a watch stream is sent as it is. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeApi {
  kubeConfig: KubeConfig;
  requests: string[];
  close: () => Promise<void>;
}

/**
 * Picks the answer to a request ("GET /api/v1/...", with its body); 'hang' keeps it
 * open, as a quiet watch; 'drop' closes the connection without an answer.
 */
export type Route = (request: string, body: string) => Reply;
export type Reply = Answer | 'hang' | 'drop';

/** Answers each request with the next answer of a list (the last one repeats), or by a route. */
export async function fakeApi(answers: Answer[] | Route): Promise<FakeApi> {
  const requests: string[] = [];
  const route: Route = Array.isArray(answers) ? () => answers[Math.min(requests.length - 1, answers.length - 1)] : answers;
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    requests.push(`${request.method} ${request.url}`);
    let body = '';
    for await (const chunk of request) body += chunk;
    const answer = route(requests[requests.length - 1], body);
    if (answer === 'hang') return;
    if (answer === 'drop') return void request.socket.destroy();
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'fake', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'fake', token: 'fake-token' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
    currentContext: 'fake',
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { kubeConfig, requests, close };
}

export const status = (code: number, reason: string, message: string): Answer => ({
  status: code,
  body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message },
});
