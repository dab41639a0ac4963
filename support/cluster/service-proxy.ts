import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { Clients } from './client';

/** What a server behind a Service answered, through the API server's service proxy. */
export interface ProxiedAnswer {
  status: number;
  body: string;
}

export interface ServiceRequest {
  namespace: string;
  service: string;
  port: number;
  /** The path on the server, without a leading slash. */
  path: string;
  /** Sent as JSON with POST; without it, a GET. */
  json?: unknown;
}

/**
 * A request to a Service's server through the API server (…/services/<name>:<port>/proxy/<path>),
 * as the notebook checks reach Jupyter: it needs no route into the cluster, only the
 * user's credentials and the right to services/proxy. The generated client sends
 * no body with a POST, so this speaks HTTP(S) itself with the kubeconfig's options.
 */
export async function throughServiceProxy(clients: Clients, call: ServiceRequest): Promise<ProxiedAnswer> {
  const server = new URL(clients.kubeConfig.getCurrentCluster()?.server as string);
  const base = server.pathname.replace(/\/$/, '');
  const body = call.json === undefined ? undefined : JSON.stringify(call.json);
  const options: RequestOptions = {
    hostname: server.hostname,
    port: server.port || (server.protocol === 'http:' ? 80 : 443),
    method: body === undefined ? 'GET' : 'POST',
    path: `${base}/api/v1/namespaces/${call.namespace}/services/${call.service}:${call.port}/proxy/${call.path}`,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
  };
  await clients.kubeConfig.applyToHTTPSOptions(options);
  const request = server.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise<ProxiedAnswer>((resolve, reject) => {
    const sent = request(options, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      answer.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}
