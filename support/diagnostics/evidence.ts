import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { Clients } from '../cluster/client';
import { podSummary } from '../cluster/pods';
import { readLog } from '../cluster/logs';
import type { Subject } from '../world';
import type { Redactor } from './redact';

export interface Evidence {
  title: string;
  text: string;
}

export interface EvidenceSource {
  clients: Clients;
  namespace: string;
  subjects: Map<string, Subject>;
  redactor: Redactor;
}

const LOG_TAIL_LINES = 40;
/** Beyond this many pods the attachment stops helping a reader. */
const MAX_PODS = 20;

/** What a person needs to see why a step failed, every piece redacted. */
export async function collectEvidence(source: EvidenceSource): Promise<Evidence[]> {
  if (!source.namespace) return [];
  const parts = await Promise.all([subjects(source), events(source), pods(source)]);
  return parts.flat().map((part) => ({ title: part.title, text: source.redactor.text(part.text) }));
}

async function attempt(title: string, read: () => Promise<string>): Promise<Evidence> {
  try {
    return { title, text: await read() };
  } catch (error) {
    return { title, text: `could not be read: ${(error as Error).message}` };
  }
}

function subjects(source: EvidenceSource): Promise<Evidence[]> {
  return Promise.all(
    [...source.subjects.values()].map(({ kind, name }) =>
      attempt(`${kind.kind} ${name}`, async () => {
        const object = await source.clients.objects.read({
          apiVersion: kind.apiVersion,
          kind: kind.kind,
          metadata: { name, namespace: kind.namespaced ? source.namespace : undefined },
        });
        delete object.metadata?.managedFields;
        return stringify(source.redactor.object(object));
      }),
    ),
  );
}

function eventLine(event: CoreV1Event): string {
  const time = event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp;
  const when = time ? new Date(time as unknown as string).toISOString() : '?';
  const count = event.count && event.count > 1 ? ` (x${event.count})` : '';
  return `${when} ${event.type} ${event.reason} ${event.involvedObject.kind}/${event.involvedObject.name}: ${event.message}${count}`;
}

async function events(source: EvidenceSource): Promise<Evidence[]> {
  return [
    await attempt(`events in namespace ${source.namespace}, oldest first`, async () => {
      const list = await source.clients.core.listNamespacedEvent({ namespace: source.namespace });
      const lines = list.items.map(eventLine).sort();
      return lines.length ? lines.join('\n') : 'no events';
    }),
  ];
}

function podState(pod: V1Pod): string {
  const conditions = (pod.status?.conditions ?? []).map((c) => `  ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
  return [podSummary(pod), ...conditions].join('\n');
}

async function podLogs(source: EvidenceSource, pod: V1Pod): Promise<Evidence[]> {
  const name = pod.metadata?.name as string;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const reads = statuses.flatMap((status) => {
    const title = `log of ${name}/${status.name}, last ${LOG_TAIL_LINES} lines`;
    // A container that never started has no log: the server would only refuse the read.
    const waitingState = status.state?.waiting;
    if (waitingState && !status.restartCount && !status.lastState?.terminated) {
      return [Promise.resolve({ title, text: `none: the container has not started (${waitingState.reason ?? 'waiting'})` })];
    }
    const request = { namespace: source.namespace, pod: name, container: status.name, tailLines: LOG_TAIL_LINES };
    const current = attempt(title, () => readLog(source.clients, request));
    if (!status.restartCount) return [current];
    const previous = attempt(`previous log of ${name}/${status.name}`, () => readLog(source.clients, { ...request, previous: true }));
    return [current, previous];
  });
  return Promise.all(reads);
}

async function pods(source: EvidenceSource): Promise<Evidence[]> {
  let list: V1Pod[];
  try {
    list = (await source.clients.core.listNamespacedPod({ namespace: source.namespace })).items.slice(0, MAX_PODS);
  } catch (error) {
    return [{ title: `pods in namespace ${source.namespace}`, text: `could not be read: ${(error as Error).message}` }];
  }
  const states: Evidence = {
    title: `pods in namespace ${source.namespace}`,
    text: list.length ? list.map(podState).join('\n') : 'no pods',
  };
  const logs = await Promise.all(list.map((pod) => podLogs(source, pod)));
  return [states, ...logs.flat()];
}

