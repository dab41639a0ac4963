import { setTimeout as delay } from 'node:timers/promises';
import { IsomorphicFetchHttpLibrary, type PromiseHttpLibrary, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { isNetworkError } from './errors';

/** Pauses between attempts; a Retry-After header from the server wins. */
const RETRY_DELAYS_MS = [250, 1000, 3000, 8000];

/** 429 and 503 mean the server did not act on the request, so even a create may be sent again. */
const RETRY_ANY = [429, 503];
/** Other server errors are retried only for requests that change nothing. */
const RETRY_READS = [500, 502, 504];
const READS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Through the API server's proxy, a pod's or a Service's own answer comes back: a 503
 * there says the server in the pod is not up yet, which the caller polls for (a
 * notebook server starting) and judges itself.
 */
const isProxied = (url: string): boolean => /\/proxy(\/|$)/.test(new URL(url).pathname);

function retryAfterMs(response: ResponseContext): number | undefined {
  const seconds = Number(response.headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, 30_000) : undefined;
}

/**
 * The client library's HTTP layer with retries of throttling and brief server
 * trouble, so a busy API server does not fail a scenario. Each retry is logged.
 */
export class RetryingHttpLibrary implements PromiseHttpLibrary {
  constructor(
    private readonly inner = new IsomorphicFetchHttpLibrary(),
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  async send(request: RequestContext): Promise<ResponseContext> {
    const method = request.getHttpMethod().toString();
    const proxied = isProxied(request.getUrl());
    const retryable = (status: number) => !proxied && (RETRY_ANY.includes(status) || (READS.includes(method) && RETRY_READS.includes(status)));
    for (let attempt = 0; ; attempt++) {
      let wait: number;
      let why: string;
      try {
        const response = await this.inner.send(request).toPromise();
        if (!retryable(response.httpStatusCode) || attempt >= RETRY_DELAYS_MS.length) return response;
        wait = retryAfterMs(response) ?? RETRY_DELAYS_MS[attempt];
        why = `HTTP ${response.httpStatusCode}`;
      } catch (error) {
        if (!isNetworkError(error) || attempt >= RETRY_DELAYS_MS.length) throw error;
        wait = RETRY_DELAYS_MS[attempt];
        why = (error as Error).message;
      }
      this.log(`[kubeflow-bdd] ${method} ${new URL(request.getUrl()).pathname}: ${why}; attempt ${attempt + 2} in ${wait}ms`);
      await delay(wait);
    }
  }
}
