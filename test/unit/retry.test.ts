import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpMethod, RequestContext, ResponseContext, type HttpLibrary } from '@kubernetes/client-node';
import { RetryingHttpLibrary } from '../../support/cluster/retry';

/** An HTTP layer that answers each request with the next status given, and counts. */
function answering(...statuses: number[]): HttpLibrary & { sent: number } {
  const inner = {
    sent: 0,
    send() {
      const status = statuses[Math.min(inner.sent++, statuses.length - 1)];
      const response = new ResponseContext(status, {}, { text: async () => '', binary: async () => Buffer.from('') });
      return { toPromise: async () => response } as ReturnType<HttpLibrary['send']>;
    },
  };
  return inner;
}

const get = (path: string) => new RequestContext(`https://cluster.example:6443${path}`, HttpMethod.GET);

test('a 503 of the API server is sent again, and the retry is logged', async () => {
  const inner = answering(503, 200);
  const lines: string[] = [];
  const response = await new RetryingHttpLibrary(inner as never, (line) => lines.push(line)).send(get('/api/v1/namespaces/x/pods'));
  assert.equal(response.httpStatusCode, 200);
  assert.equal(inner.sent, 2);
  assert.match(lines[0], /GET \/api\/v1\/namespaces\/x\/pods: HTTP 503; attempt 2 in 250ms/);
});

test("a 503 through the API server's proxy is the pod's answer, for the caller to judge", async () => {
  const inner = answering(503, 200);
  const response = await new RetryingHttpLibrary(inner as never, () => assert.fail('no retry expected')).send(
    get('/api/v1/namespaces/x/services/nb:http-nb/proxy/notebook/x/nb/api/status'),
  );
  assert.equal(response.httpStatusCode, 503);
  assert.equal(inner.sent, 1);
});
