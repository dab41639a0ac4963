import type { KubernetesObject } from '@kubernetes/client-node';
import type { Clients } from './client';
import { explain, isNotFound } from './errors';
import { kindOf } from './kinds';
import { waitFor } from '../wait/watch';
import { met, waiting } from '../wait/verdict';

/**
 * Remembers everything a scenario creates and deletes it newest first, like
 * deferred cleanup. Not-found is success; other errors are collected so one
 * stuck object never keeps the rest alive.
 */
export class Cleaner {
  private readonly created: KubernetesObject[] = [];

  register(object: KubernetesObject): void {
    this.created.push(object);
  }

  get pending(): readonly KubernetesObject[] {
    return this.created;
  }

  /**
   * Deletes everything. With a timeout, also waits until each object is gone: in a
   * shared namespace the next scenario may create the same names at once.
   */
  async deleteAll(clients: Clients, goneWithinMs?: number): Promise<string[]> {
    const problems: string[] = [];
    const deleted: KubernetesObject[] = [];
    while (this.created.length > 0) {
      const object = this.created.pop() as KubernetesObject;
      try {
        await clients.objects.delete(object, undefined, undefined, 0, undefined, 'Background');
        deleted.push(object);
      } catch (error) {
        if (!isNotFound(error)) problems.push(explain(error, `Deleting ${describe(object)}`).message);
      }
    }
    if (goneWithinMs !== undefined) {
      for (const object of deleted) await awaitGone(clients, object, goneWithinMs).catch((error: Error) => problems.push(error.message));
    }
    return problems;
  }
}

function awaitGone(clients: Clients, object: KubernetesObject, timeoutMs: number): Promise<unknown> {
  const kind = kindOf(object);
  if (!kind) return Promise.resolve();
  return waitFor(clients, {
    what: `${describe(object)} to be deleted`,
    kind,
    namespace: object.metadata?.namespace,
    name: object.metadata?.name,
    timeoutMs,
    interruptible: false,
    evaluate: (found) => (found.length === 0 ? met() : waiting(`${describe(object)} still exists${found[0].metadata?.finalizers?.length ? ` (finalizers: ${found[0].metadata.finalizers.join(', ')})` : ''}`)),
  });
}

export function describe(object: KubernetesObject): string {
  const where = object.metadata?.namespace ? ` in namespace ${object.metadata.namespace}` : '';
  return `${object.kind} ${object.metadata?.name ?? object.metadata?.generateName ?? '?'}${where}`;
}
