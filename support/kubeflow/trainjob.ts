import type { V1Pod } from '@kubernetes/client-node';
import { notServedError, requireServed, servesKind } from '../cluster/capabilities';
import { explain, httpStatus, isNotFound } from '../cluster/errors';
import { KINDS } from '../cluster/kinds';
import { readLog } from '../cluster/logs';
import { podTrouble } from '../cluster/pod-trouble';
import { diagnosePods, podsExist, podsSummary, podSummary } from '../cluster/pods';
import { guardedByOwnerEvents, guardedByPods, type Owner } from '../wait/guards';
import { impossible, met, waiting } from '../wait/verdict';
import type { KubeflowWorld } from '../world';
import { expectLogAccuracy } from './log-metrics';
import { conditionTime, secondsSinceCreation } from '../cluster/timing';
import { diagnoseTrainJob, hasCompleted, jobsCounts, JOBSET_NAME_LABEL, NODE_INDEX_LABEL, trainerRefusal, type TrainJob } from './trainjob-status';

/** The one replicated job of Kubeflow's torch runtimes, whose Job makes one pod per node. */
const NODE_JOB = 'node';

/**
 * Kubeflow Trainer v2 works only with JobSet and the runtime a TrainJob names:
 * either missing is named here, in the first second, not found by a timeout.
 */
export async function requireTrainJobPlatform(world: KubeflowWorld): Promise<void> {
  await requireServed(world.clients, KINDS.TrainJob, world.namespace);
  if (!(await servesKind(world.clients, KINDS.JobSet))) throw notServedError(KINDS.JobSet);
  const runtime = world.config.trainingRuntime;
  const ref = KINDS.ClusterTrainingRuntime;
  try {
    await world.clients.objects.read({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: runtime } });
  } catch (error) {
    if (isNotFound(error)) {
      throw new Error(
        `The ClusterTrainingRuntime "${runtime}" does not exist, and every TrainJob here names it.\n` +
          `Fix: install Kubeflow Trainer's default runtimes (its manifests/base/runtimes), or set KUBEFLOW_BDD_TRAINING_RUNTIME to a runtime of this cluster (kubectl get clustertrainingruntimes).`,
      );
    }
    // Reading cluster-wide runtimes may be beyond a user's rights: the Trainer's webhook then names a missing one at create.
    if (httpStatus(error) !== 403) throw explain(error, `Reading ClusterTrainingRuntime ${runtime}`);
  }
}

export async function createTrainJob(world: KubeflowWorld, file: string, nodes: number): Promise<void> {
  const params = { image: world.config.images.pytorchMnist, runtime: world.config.trainingRuntime, nodes };
  const [job] = await world.create<TrainJob>(file, params);
  if (job.kind !== KINDS.TrainJob.kind) throw new Error(`${file} holds a ${job.kind} first, not a TrainJob. Fix: put the TrainJob first.`);
  world.subjects.set('job', { kind: KINDS.TrainJob, name: job.metadata?.name as string });
}

function trainJobName(world: KubeflowWorld): string {
  const subject = world.subject('job');
  if (subject.kind !== KINDS.TrainJob) throw new Error(`This scenario created a ${subject.kind.kind}, not a TrainJob.`);
  return subject.name;
}

const nodePods = (name: string): string => `${JOBSET_NAME_LABEL}=${name}`;

/**
 * The pods of the TrainJob's nodes exist. Guarded by the TrainJob's events (the
 * Trainer could not make the JobSet) and its node Job's (pods refused at admission).
 */
/** What makes a TrainJob's pods, each of which says there why it could not. */
const podMakers = (name: string): Owner[] => [
  { kind: KINDS.TrainJob.kind, name, refusal: trainerRefusal },
  { kind: KINDS.Job.kind, name: `${name}-${NODE_JOB}-0` },
];

export async function awaitNodePods(world: KubeflowWorld, count: number): Promise<void> {
  const name = trainJobName(world);
  const what = `${count} node pod(s) of TrainJob ${name}`;
  const timeoutMs = world.config.timeouts.podRunning;
  const owners = podMakers(name);
  await guardedByOwnerEvents({ ...world.guard(what, timeoutMs), owners }, (signal) =>
    world.waitFor<V1Pod>({
      what,
      kind: KINDS.Pod,
      labelSelector: nodePods(name),
      timeoutMs,
      signal,
      evaluate: podsExist(count),
      diagnose: (pods) =>
        pods.length
          ? diagnosePods(pods)
          : `no node pod exists. Kubeflow Trainer makes the JobSet ${name}, JobSet makes the Job ${name}-${NODE_JOB}-0 and that Job the pods: see which exists (kubectl get jobset,job -n ${world.namespace}) and check the controller of the first missing one.`,
    }),
  );
}

/** Ends at once when the TrainJob Failed, or when one of its pods is stuck where waiting cannot help. */
export async function awaitTrainJobComplete(world: KubeflowWorld): Promise<void> {
  const name = trainJobName(world);
  const what = `TrainJob ${name} to reach Complete`;
  const timeoutMs = world.config.timeouts.jobSucceeded;
  const guard = { ...world.guard(what, timeoutMs), labelSelector: nodePods(name), owners: podMakers(name) };
  const [completed] = await guardedByPods(guard, (signal) =>
    world.waitFor<TrainJob>({ what, kind: KINDS.TrainJob, name, timeoutMs, signal, evaluate: hasCompleted, diagnose: diagnoseTrainJob }),
  );
  world.recordWorkloadTime('time to Complete', secondsSinceCreation(completed, conditionTime(completed, 'Complete')));
}

async function readTrainJob(world: KubeflowWorld): Promise<TrainJob> {
  const name = trainJobName(world);
  return (await world.clients.objects.read({ apiVersion: KINDS.TrainJob.apiVersion, kind: KINDS.TrainJob.kind, metadata: { name, namespace: world.namespace } })) as TrainJob;
}

const nodeIndex = (pod: V1Pod): string | undefined => pod.metadata?.labels?.[NODE_INDEX_LABEL];

/** Every node ran to completion: one Succeeded pod per node index, read from the pods themselves. */
export async function expectEveryNodeSucceeded(world: KubeflowWorld): Promise<void> {
  const job = await readTrainJob(world);
  const nodes = job.spec?.trainer?.numNodes ?? 1;
  await world.waitFor<V1Pod>({
    what: `the pods of all ${nodes} node(s) of TrainJob ${job.metadata?.name} to succeed`,
    kind: KINDS.Pod,
    labelSelector: nodePods(job.metadata?.name as string),
    timeoutMs: world.config.timeouts.jobSucceeded,
    evaluate: (pods) => {
      const failed = pods.find((pod) => pod.status?.phase === 'Failed');
      if (failed) return impossible(`node pod ${podSummary(failed)} failed. Jobs: ${jobsCounts(job)}`);
      const trouble = podTrouble(pods);
      if (trouble) return impossible(trouble.sentence);
      const done = new Set(pods.filter((pod) => pod.status?.phase === 'Succeeded').map(nodeIndex));
      return done.size >= nodes ? met() : waiting(`${done.size} of ${nodes} nodes succeeded: ${podsSummary(pods)}`);
    },
  });
}

export async function expectNodeAccuracy(world: KubeflowWorld, index: number, threshold: number): Promise<void> {
  const name = trainJobName(world);
  const pods = await world.clients.core.listNamespacedPod({ namespace: world.namespace, labelSelector: `${nodePods(name)},${NODE_INDEX_LABEL}=${index}` });
  // A node restarted after a failure has a newer pod: its log is the one that counts.
  const created = (pod: V1Pod): number => new Date(pod.metadata?.creationTimestamp ?? 0).getTime();
  const pod = pods.items.sort((a, b) => created(b) - created(a))[0];
  if (!pod) throw new Error(`TrainJob ${name} has no pod for node ${index}: the Job may have deleted it.`);
  const log = await readLog(world.clients, { namespace: world.namespace, pod: pod.metadata?.name as string });
  expectLogAccuracy(log, `node ${index} of TrainJob ${name}`, threshold, world.config.logPatterns.accuracy);
}
