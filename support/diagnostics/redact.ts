import type { KubernetesObject } from '@kubernetes/client-node';

export const REDACTED = '[redacted]';
/** Shorter values would blank out ordinary words in logs. */
const MIN_SECRET_LENGTH = 4;

interface SecretLike extends KubernetesObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const isSecret = (object: KubernetesObject): object is SecretLike => object.kind === 'Secret';

/** Every string inside a value that may itself be JSON (a docker config) or base64 (its auth field). */
function leaves(value: string): string[] {
  const found = [value];
  try {
    const parsed: unknown = JSON.parse(value);
    const walk = (node: unknown, key?: string): void => {
      if (typeof node === 'string') {
        const decoded = Buffer.from(node, 'base64').toString('utf8');
        found.push(node, decoded);
        // A docker config's auth is user:password, and the password may show on its own; the user is no secret.
        if (key === 'auth') found.push(decoded.slice(decoded.indexOf(':') + 1));
      } else if (node && typeof node === 'object') Object.entries(node).forEach(([name, child]) => walk(child, name));
    };
    walk(parsed);
  } catch {
    // not JSON: the value itself is the secret
  }
  return found;
}

/**
 * Knows the secret values a scenario handles and removes them from anything that
 * leaves the process: attachments, error messages and logs.
 */
export class Redactor {
  private readonly values = new Set<string>();

  learn(objects: KubernetesObject[]): void {
    for (const object of objects.filter(isSecret)) {
      const decoded = Object.values(object.data ?? {}).map((value) => Buffer.from(value, 'base64').toString('utf8'));
      const encoded = Object.values(object.data ?? {});
      for (const value of [...decoded, ...encoded, ...Object.values(object.stringData ?? {})]) {
        for (const leaf of leaves(value)) if (leaf.length >= MIN_SECRET_LENGTH) this.values.add(leaf);
      }
    }
  }

  text(text: string): string {
    // Longest first, so a value that contains another is removed whole.
    const values = [...this.values].sort((a, b) => b.length - a.length);
    return values.reduce((result, value) => result.split(value).join(REDACTED), text);
  }

  /** A copy fit to show: Secret payloads replaced, known values removed everywhere else. */
  object<T extends KubernetesObject>(object: T): T {
    const copy = JSON.parse(this.text(JSON.stringify(object))) as T & SecretLike;
    if (isSecret(copy)) {
      for (const field of ['data', 'stringData'] as const) {
        const payload = copy[field];
        if (payload) copy[field] = Object.fromEntries(Object.keys(payload).map((key) => [key, REDACTED]));
      }
    }
    if (copy.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']) {
      copy.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = REDACTED;
    }
    return copy;
  }
}
