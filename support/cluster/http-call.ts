import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What a server answered: its status and whole body. */
export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * Sends one request to url, a POST of json when given (else a GET), and reads the
 * whole answer. options add headers and TLS settings (a kubeconfig's, or none for
 * a gateway whose CA the system or NODE_EXTRA_CA_CERTS trusts).
 */
export function httpCall(url: URL, options: RequestOptions = {}, json?: unknown): Promise<HttpAnswer> {
  const body = json === undefined ? undefined : JSON.stringify(json);
  const headers = { ...options.headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }) };
  const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const sent = request(url, { ...options, method: body === undefined ? 'GET' : 'POST', headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      answer.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}
