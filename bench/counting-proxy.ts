import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/**
 * A local plain-HTTP door to the API server that counts what passes through it.
 * Each tool gets its own, so tools waiting side by side are counted apart, exactly,
 * whatever else talks to the server. It forwards with the credentials of the
 * kubeconfig it is given; the tools see a kubeconfig without any.
 */
export class CountingProxy {
  readonly counts: Record<string, number> = {};
  private server?: Server;
  private port = 0;

  constructor(private readonly upstream: KubeConfig) {}

  get total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + n, 0);
  }

  async start(): Promise<void> {
    const target = new URL(this.upstream.getCurrentCluster()?.server as string);
    this.server = createServer((incoming, outgoing) => {
      this.count(incoming);
      const options: RequestOptions = { hostname: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: target.host } };
      this.upstream.applyToHTTPSOptions(options).then(() => {
        const forwarded = httpsRequest(options, (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        });
        forwarded.on('error', (error) => outgoing.destroy(error));
        outgoing.on('close', () => forwarded.destroy());
        incoming.pipe(forwarded);
      }, (error: unknown) => outgoing.destroy(error as Error));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** A kubeconfig that sends a tool through this proxy. */
  writeKubeconfig(dir: string, name: string): string {
    const file = join(dir, `${name}.kubeconfig`);
    writeFileSync(file, [
      'apiVersion: v1', 'kind: Config',
      // Plain HTTP to this machine; the client library accepts it only so marked.
      `clusters: [{name: proxy, cluster: {server: "http://127.0.0.1:${this.port}", insecure-skip-tls-verify: true}}]`,
      'users: [{name: proxy, user: {}}]',
      'contexts: [{name: proxy, context: {cluster: proxy, user: proxy}}]',
      'current-context: proxy', '',
    ].join('\n'));
    return file;
  }

  close(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }

  private count(request: IncomingMessage): void {
    const query = new URL(request.url ?? '/', 'http://proxy').searchParams;
    const verb = ['true', '1'].includes(query.get('watch') ?? '') ? 'WATCH' : (request.method ?? 'GET');
    this.counts[verb] = (this.counts[verb] ?? 0) + 1;
  }
}
