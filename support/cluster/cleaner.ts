import type { KubernetesObject } from '@kubernetes/client-node';
import type { Clients } from './client';
import { explain, isNotFound } from './errors';

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

  async deleteAll(clients: Clients): Promise<string[]> {
    const problems: string[] = [];
    while (this.created.length > 0) {
      const object = this.created.pop() as KubernetesObject;
      try {
        await clients.objects.delete(object, undefined, undefined, 0, undefined, 'Background');
      } catch (error) {
        if (!isNotFound(error)) problems.push(explain(error, `Deleting ${describe(object)}`).message);
      }
    }
    return problems;
  }
}

export function describe(object: KubernetesObject): string {
  const where = object.metadata?.namespace ? ` in namespace ${object.metadata.namespace}` : '';
  return `${object.kind} ${object.metadata?.name ?? object.metadata?.generateName ?? '?'}${where}`;
}
