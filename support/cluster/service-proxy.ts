import type { RequestOptions } from 'node:https';
import type { Clients } from './client';
import { httpCall, type HttpAnswer } from './http-call';

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
export async function throughServiceProxy(clients: Clients, call: ServiceRequest): Promise<HttpAnswer> {
  const server = new URL(clients.kubeConfig.getCurrentCluster()?.server as string);
  const base = server.pathname.replace(/\/$/, '');
  const url = new URL(`${base}/api/v1/namespaces/${call.namespace}/services/${call.service}:${call.port}/proxy/${call.path}`, server);
  const options: RequestOptions = {};
  await clients.kubeConfig.applyToHTTPSOptions(options);
  return httpCall(url, options, call.json);
}
