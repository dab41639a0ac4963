import type { V1Pod } from '@kubernetes/client-node';
import { KINDS } from '../cluster/kinds';
import { diagnosePods, podsRunning } from '../cluster/pods';
import { guardedByPods } from '../wait/guards';
import type { KubeflowWorld } from '../world';

/** The label the notebook controller puts on a notebook's pod. */
const NOTEBOOK_NAME_LABEL = 'notebook-name';

interface NotebookSpec {
  labels: Record<string, string>;
  cpu: string;
  memory: string;
  claim: string;
}

/** Starts a notebook as the Jupyter web app does: a Notebook resource, which the notebook controller runs as a StatefulSet. */
export async function startNotebook(world: KubeflowWorld, name: string, spec: NotebookSpec): Promise<void> {
  const params = { name, image: world.config.images.notebook, cpu: spec.cpu, memory: spec.memory, claim: spec.claim, labels: JSON.stringify(spec.labels), serviceAccount: world.serviceAccount };
  await world.create('poddefault/notebook.yaml', params);
  world.subjects.set(`notebook ${name}`, { kind: KINDS.Notebook, name });
}

/**
 * Waits for the notebook's pod to run and keeps it for the checks that follow. The
 * notebook controller runs it as a StatefulSet of the notebook's name, whose events
 * say when the pod is refused at admission.
 */
export async function awaitNotebookPod(world: KubeflowWorld, name: string): Promise<void> {
  const what = `the pod of notebook ${name} to be running`;
  const timeoutMs = world.config.timeouts.podRunning;
  const labelSelector = `${NOTEBOOK_NAME_LABEL}=${name}`;
  const guard = { ...world.guard(what, timeoutMs), labelSelector, owners: [{ kind: 'StatefulSet', name }] };
  const [pod] = await guardedByPods(guard, (signal) =>
    world.waitFor<V1Pod>({
      what,
      kind: KINDS.Pod,
      labelSelector,
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
  const what = `pod ${name} to be running`;
  const timeoutMs = world.config.timeouts.podRunning;
  const [pod] = await guardedByPods({ ...world.guard(what, timeoutMs), podName: name }, (signal) =>
    world.waitFor<V1Pod>({ what, kind: KINDS.Pod, name, timeoutMs, signal, evaluate: podsRunning(1), diagnose: diagnosePods }),
  );
  world.pods.set(name, pod);
}
