import { STATUS_CODES } from 'node:http';
import { ApiException } from '@kubernetes/client-node';
import { admissionRefusal } from './admission';

interface StatusBody {
  message?: string;
  reason?: string;
  details?: { kind?: string; name?: string; group?: string };
}

/**
 * What the server said: the Status in an API exception's body, or the Status a watch
 * sent as an ERROR event. A watch request the server refused carries no Status at all.
 */
function statusOf(error: unknown): StatusBody {
  if (error instanceof ApiException) return statusBody(error);
  return error instanceof Error ? {} : (error as StatusBody);
}

function statusBody(error: ApiException<unknown>): StatusBody {
  const body = error.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return { message: body };
    }
  }
  return (body ?? {}) as StatusBody;
}

/**
 * The HTTP status of an API exception (code), of a Status object a watch sent as an
 * ERROR event (code), or of a watch request the server refused (statusCode).
 */
export function httpStatus(error: unknown): number | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

export const isNotFound = (error: unknown): boolean => httpStatus(error) === 404;

/**
 * A connection that failed, or broke before the server finished answering. Node names
 * the cause in the error's code, not always in its message (a TLS handshake cut short
 * says "Client network socket disconnected"; a watch stream cut short, "Premature close").
 */
export function isNetworkError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return /ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ERR_STREAM_PREMATURE_CLOSE|socket hang up|Premature close/.test(`${code} ${message ?? error}`);
}

/** Answers worth another try: conflicts, throttling and a server that is briefly unavailable. */
export function isTransient(error: unknown): boolean {
  const code = httpStatus(error);
  if (code !== undefined) return code === 409 || code === 429 || code >= 500;
  return isNetworkError(error);
}

/**
 * The client library reports a kind the cluster does not serve either as a 404 on
 * API discovery or as "Unrecognized API version and kind".
 */
export function isUnservedKind(error: unknown): boolean {
  if (/Unrecognized API version and kind/i.test(String((error as Error)?.message ?? ''))) return true;
  const body = JSON.stringify((error as { body?: unknown })?.body ?? '');
  return isNotFound(error) && /page not found|the server could not find the requested resource/i.test(body);
}

const FIXES: Record<number, string> = {
  401: 'the credentials in your kubeconfig were refused: refresh the token or certificate (for the sandbox, run `npm run sandbox:up` again).',
  403: 'grant this identity the verb on that resource (see manifests/rbac/ for what the harness needs).',
  404: 'the resource type or object does not exist: check that the Kubeflow component that owns it is installed.',
  422: 'the manifest does not match the resource\'s schema: correct the field named above.',
};

/** The server behind the admission webhooks of each Kubeflow component, by the webhook's name. */
const WEBHOOK_SERVERS: { pattern: RegExp; server: string }[] = [
  { pattern: /trainer\.kubeflow\.org/, server: "Kubeflow Trainer's controller manager" },
  { pattern: /jobset/, server: 'the JobSet controller' },
  { pattern: /poddefault/i, server: 'the Kubeflow admission-webhook (PodDefaults)' },
  { pattern: /kserve/, server: "KServe's controller manager" },
  { pattern: /katib/, server: "Katib's controller" },
  { pattern: /sparkoperator/, server: "the Kubeflow Spark Operator's webhook" },
];

/** The admission webhook the API server could not call, named in a refusal's message. */
export function unansweredWebhook(message: string | undefined): string | undefined {
  return /failed calling webhook "([^"]+)"/.exec(message ?? '')?.[1];
}

/** The fix for an admission webhook that did not answer. */
export function unansweredWebhookFix(webhook: string): string {
  const server = WEBHOOK_SERVERS.find((entry) => entry.pattern.test(webhook))?.server ?? "the webhook's server";
  return `check that ${server} runs and serves its webhook ${webhook} (on the sandbox, \`npm run sandbox:status\`).`;
}

/** An error with more lines of evidence after its message (and in its stack, which the reports print). */
export function amended(error: Error, more: string): Error {
  error.message = `${error.message}\n${more}`;
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/**
 * Turns any error from the API into one sentence that names what was attempted,
 * what the server said and what to do about it.
 */
export function explain(error: unknown, attempted: string): Error {
  const explained = explanation(error, attempted);
  // The message is the whole story for the reader of a report; a stack through the client library would bury it.
  explained.stack = `Error: ${explained.message}`;
  return explained;
}

function explanation(error: unknown, attempted: string): Error {
  const code = httpStatus(error);
  if (code !== undefined) {
    const body = statusOf(error);
    const webhook = unansweredWebhook(body.message);
    if (webhook) {
      return new Error(
        `${attempted} failed: the admission webhook ${webhook} did not answer, and it must admit this request. Server said: ${body.message}\n` +
          `Fix: ${unansweredWebhookFix(webhook)}`,
      );
    }
    const refused = code === 403 || code === 400 ? admissionRefusal(body.message ?? '') : undefined;
    if (refused) return new Error(`${attempted} failed: ${refused.what}. Server said: ${body.message}\nFix: ${refused.fix}`);
    const fix = FIXES[code] ?? (code >= 500 ? 'the API server is unhealthy: check its logs.' : 'see the server message.');
    const reason = body.reason ?? STATUS_CODES[code] ?? '';
    return new Error(`${attempted} failed: HTTP ${code} ${reason} ${body.message ?? ''}`.replace(/ +/g, ' ').trim() + `\nFix: ${fix}`);
  }
  const text = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|fetch failed/.test(text)) {
    return new Error(
      `${attempted} failed: the API server did not answer (${text}).\n` +
        'Fix: check that the cluster in your kubeconfig is running and reachable (`npm run sandbox:status` for the sandbox).',
    );
  }
  return new Error(`${attempted} failed: ${text}`);
}
