import type { V1Pod } from '@kubernetes/client-node';
import { isServed } from '../cluster/capabilities';
import { createObjects } from '../cluster/create';
import { KINDS } from '../cluster/kinds';
import { loadManifest } from '../cluster/manifest';
import { diagnosePods, podsRunning } from '../cluster/pods';
import { guardedByOwnerEvents } from '../wait/guards';
import type { KubeflowWorld } from '../world';

/** The label the notebook controller puts on a notebook's pod. */
const NOTEBOOK_NAME_LABEL = 'notebook-name';

interface NotebookSpec {
  labels: Record<string, string>;
  cpu: string;
  memory: string;
  claim: string;
}

interface Notebook {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: { template: { spec: V1Pod['spec'] } };
}

/**
 * Starts a notebook: a Notebook resource where the notebook controller is installed,
 * otherwise the pod such a notebook would run, so PodDefaults are still checked.
 */
export async function startNotebook(world: KubeflowWorld, name: string, spec: NotebookSpec): Promise<void> {
  const params = { name, image: world.config.images.notebook, cpu: spec.cpu, memory: spec.memory, claim: spec.claim, labels: JSON.stringify(spec.labels), serviceAccount: world.serviceAccount };
  const [notebook] = loadManifest('poddefault/notebook.yaml', params) as unknown as Notebook[];
  if (await isServed(world.clients, KINDS.Notebook, world.namespace)) {
    await createObjects(world, [notebook]);
    world.subjects.set(`notebook ${name}`, { kind: KINDS.Notebook, name });
    return;
  }
  const pod: V1Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${name}-0`, labels: { ...notebook.metadata.labels, [NOTEBOOK_NAME_LABEL]: name } },
    spec: notebook.spec.template.spec,
  };
  await createObjects(world, [pod]);
}

/**
 * Waits for the notebook's pod to run and keeps it for the checks that follow. The
 * notebook controller runs it as a StatefulSet of the notebook's name, whose events
 * say when the pod is refused at admission.
 */
export async function awaitNotebookPod(world: KubeflowWorld, name: string): Promise<void> {
  const what = `the pod of notebook ${name} to be running`;
  const timeoutMs = world.config.timeouts.podRunning;
  const guard = { ...world.guard(what, timeoutMs), owners: [{ kind: 'StatefulSet', name }] };
  const [pod] = await guardedByOwnerEvents(guard, (signal) =>
    world.waitFor<V1Pod>({
      what,
      kind: KINDS.Pod,
      labelSelector: `${NOTEBOOK_NAME_LABEL}=${name}`,
      timeoutMs,
      signal,
      evaluate: podsRunning(1),
      diagnose: (pods) =>
        pods.length ? diagnosePods(pods) : 'no pod was created for the notebook: check that the notebook controller runs, and the StatefulSet events.',
    }),
  );
  world.pods.set(name, pod);
}

export async function startUnselectedPod(world: KubeflowWorld, name: string): Promise<void> {
  await world.create('poddefault/unselected-pod.yaml', { name, image: world.config.images.notebook });
  const [pod] = await world.waitFor<V1Pod>({
    what: `pod ${name} to be running`,
    kind: KINDS.Pod,
    name,
    timeoutMs: world.config.timeouts.podRunning,
    evaluate: podsRunning(1),
    diagnose: diagnosePods,
  });
  world.pods.set(name, pod);
}
