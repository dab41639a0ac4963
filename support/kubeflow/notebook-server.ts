import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { explain } from '../cluster/errors';
import { execInPod } from '../cluster/exec';
import { KINDS } from '../cluster/kinds';
import { pollUntil } from '../wait/poll';
import { R_KERNEL_AREA, type HarnessConfig } from '../config';
import type { KubeflowWorld } from '../world';

/** What Jupyter's /api/kernelspecs answers. */
interface KernelSpecs {
  default: string;
  kernelspecs: Record<string, { spec?: { display_name?: string; language?: string } }>;
}

const NO_R_IMAGE =
  "no Jupyter image with an R kernel is configured: Kubeflow's own notebook images offer R only in RStudio. " +
  'Set KUBEFLOW_BDD_IMAGE_NOTEBOOK_R to a Jupyter image with IRkernel that serves on port 8888 under $NB_PREFIX.';

/** Why an R notebook scenario does not apply here, unless the run requires it. */
export function rKernelSkipReason(areas: string[], config: HarnessConfig): string | undefined {
  if (!areas.includes(R_KERNEL_AREA) || config.images.notebookR || config.require.includes(R_KERNEL_AREA)) return undefined;
  return `${NO_R_IMAGE} Set KUBEFLOW_BDD_REQUIRE=${R_KERNEL_AREA} to make this a failure.`;
}

/** The server's image: Kubeflow's Jupyter image, or for R the one configured for it. */
function serverImage(world: KubeflowWorld, language: 'Python' | 'R'): string {
  if (language === 'Python') return world.config.images.notebook;
  if (!world.config.images.notebookR) throw new Error(`This scenario needs an R notebook server, and ${NO_R_IMAGE}`);
  return world.config.images.notebookR;
}

export async function startNotebookServer(world: KubeflowWorld, name: string, language: 'Python' | 'R', cpu: string, memory: string): Promise<void> {
  const image = serverImage(world, language);
  await world.create('notebook/jupyter.yaml', { name, image, cpu, memory, serviceAccount: world.serviceAccount });
  world.subjects.set(`notebook ${name}`, { kind: KINDS.Notebook, name });
}

/**
 * A GET of the notebook server's API through the API server's service proxy, the way
 * Kubeflow's own tests reach it: the controller's Service <name>, port http-<name>,
 * under the prefix it gives the server (NB_PREFIX).
 */
async function serverGet<T>(world: KubeflowWorld, name: string, path: string): Promise<T> {
  const prefix = `notebook/${world.namespace}/${name}`;
  let answer: unknown;
  try {
    answer = await world.clients.core.connectGetNamespacedServiceProxyWithPath({ name: `${name}:http-${name}`, namespace: world.namespace, path: `${prefix}/${path}` });
  } catch (error) {
    throw explain(error, `GET ${path} of notebook server ${name} through the API server`);
  }
  // The client parses a JSON answer itself; anything else is not Jupyter's API.
  if (typeof answer !== 'object' || answer === null) {
    throw new Error(`GET ${path} of notebook server ${name} answered no JSON but: ${String(answer).slice(0, 200)}`);
  }
  return answer as T;
}

export async function awaitServerAnswers(world: KubeflowWorld, name: string): Promise<void> {
  const status = await pollUntil(`notebook server ${name} to answer GET api/status through the API server`, world.config.timeouts.serverAnswers, () =>
    serverGet<{ started?: string }>(world, name, 'api/status'),
  );
  expect(status, `the answer of notebook server ${name} to GET api/status`).to.have.property('started');
}

export async function expectKernel(world: KubeflowWorld, name: string, kernel: string): Promise<void> {
  const specs = await serverGet<KernelSpecs>(world, name, 'api/kernelspecs');
  expect(Object.keys(specs.kernelspecs), `the kernels notebook server ${name} offers`).to.include(kernel);
}

/** Runs one cell in a kernel and prints its output; run by the server's own python3 (see the file). */
const RUN_CELL = readFileSync(join(__dirname, 'run-cell.py'), 'utf8');

/**
 * Runs a cell in a kernel of the server's own installation, in its container (a
 * kernel is started as the server starts it, runs the code, and its output is
 * printed), and checks what it printed.
 */
export async function expectCellPrints(world: KubeflowWorld, name: string, kernel: string, code: string, expected: string): Promise<void> {
  const result = await execInPod(world.clients, world.namespace, `${name}-0`, name, ['python3', '-c', RUN_CELL, kernel, code]);
  if (result.exitCode !== 0 || !result.stdout.includes(expected)) {
    throw new Error(
      `The ${kernel} kernel of notebook server ${name} did not print "${expected}" (exit ${result.exitCode}).\n` +
        `It printed:\n${result.stdout.trimEnd() || '(nothing)'}\nOn stderr:\n${result.stderr.trimEnd().split('\n').slice(-10).join('\n') || '(nothing)'}`,
    );
  }
}
