import type { V1Pod } from '@kubernetes/client-node';
import type { KindRef } from '../cluster/kinds';
import { KINDS } from '../cluster/kinds';
import { readLog } from '../cluster/logs';
import { podTrouble } from '../cluster/pod-trouble';
import { diagnosePods, podsExist, podsSummary, podSummary } from '../cluster/pods';
import { guardedByOwnerEvents, guardedByPods } from '../wait/guards';
import { impossible, met, waiting } from '../wait/verdict';
import type { ManifestParams } from '../cluster/manifest';
import type { KubeflowWorld } from '../world';
import { awaitTakenUp } from './taken-up';
import { expectLogAccuracy, expectLogConverged } from './log-metrics';
import { conditionTime, secondsSinceCreation } from '../cluster/timing';
import { diagnoseJob, hasSucceeded, replicaCounts, replicaSpecs, type TrainingJob } from './training-job';

/** The labels the training operator (v1) puts on the pods of a job. */
const JOB_NAME_LABEL = 'training.kubeflow.org/job-name';
const REPLICA_TYPE_LABEL = 'training.kubeflow.org/replica-type';

const imageFor = (world: KubeflowWorld, kind: KindRef): string =>
  kind === KINDS.TFJob ? world.config.images.tensorflowMnist : world.config.images.pytorchMnist;

export async function createTrainingJob(world: KubeflowWorld, kind: KindRef, file: string, params: ManifestParams): Promise<void> {
  const [job] = await world.create<TrainingJob>(file, { image: imageFor(world, kind), ...params });
  if (job.kind !== kind.kind) throw new Error(`${file} holds a ${job.kind} first, not a ${kind.kind}. Fix: put the ${kind.kind} first.`);
  world.subjects.set('job', { kind, name: job.metadata?.name as string });
}

function job(world: KubeflowWorld, kind: KindRef): string {
  const subject = world.subject('job');
  if (subject.kind !== kind) throw new Error(`This scenario created a ${subject.kind.kind}, not a ${kind.kind}.`);
  return subject.name;
}

/** Ends at once when the operator's pods are refused at admission: it says so in the job's events. */
export async function awaitReplicaPods(world: KubeflowWorld, kind: KindRef, replicaType: string, count: number): Promise<void> {
  const name = job(world, kind);
  const what = `${count} ${replicaType} pod(s) of ${kind.kind} ${name}`;
  const timeoutMs = world.config.timeouts.podRunning;
  const guard = { ...world.guard(what, timeoutMs), owners: [{ kind: kind.kind, name }] };
  await guardedByOwnerEvents(guard, (signal) =>
    world.waitFor<V1Pod>({
      what,
      kind: KINDS.Pod,
      labelSelector: `${JOB_NAME_LABEL}=${name},${REPLICA_TYPE_LABEL}=${replicaType.toLowerCase()}`,
      timeoutMs,
      signal,
      evaluate: podsExist(count),
      diagnose: (pods) => (pods.length ? diagnosePods(pods) : `the training operator created no ${replicaType} pod: check that it runs and watches ${kind.plural}.`),
    }),
  );
}

/** Ends at once when the job Failed, when its pods are refused (the job's events say so), or when one is stuck where waiting cannot help. */
export async function awaitJobSucceeded(world: KubeflowWorld, kind: KindRef): Promise<void> {
  const name = job(world, kind);
  const what = `${kind.kind} ${name} to reach Succeeded`;
  const timeoutMs = world.config.timeouts.jobSucceeded;
  const owners = [{ kind: kind.kind, name }];
  const guard = { ...world.guard(what, timeoutMs), labelSelector: `${JOB_NAME_LABEL}=${name}`, owners };
  const [succeeded] = await guardedByPods(guard, async (signal) => {
    await awaitTakenUp(world, 'the training operator', kind, name, signal, diagnoseJob);
    return world.waitFor<TrainingJob>({ what, kind, name, timeoutMs, signal, evaluate: hasSucceeded, diagnose: diagnoseJob });
  });
  world.recordWorkloadTime('time to Succeeded', secondsSinceCreation(succeeded, conditionTime(succeeded, 'Succeeded')));
}

async function readJob(world: KubeflowWorld, kind: KindRef): Promise<TrainingJob> {
  const name = job(world, kind);
  return (await world.clients.objects.read({ apiVersion: kind.apiVersion, kind: kind.kind, metadata: { name, namespace: world.namespace } })) as TrainingJob;
}

/**
 * Every pod of a replica type ran to completion. Read from the pods, not the job's
 * replica counts: a PyTorchJob succeeds with its master, while workers may still be finishing.
 */
export async function expectReplicasSucceeded(world: KubeflowWorld, kind: KindRef, replicaType: string): Promise<void> {
  const found = await readJob(world, kind);
  const wanted = replicaSpecs(found)[replicaType]?.replicas;
  if (wanted === undefined) throw new Error(`${kind.kind} ${found.metadata?.name} has no ${replicaType} replicas. Replicas: ${replicaCounts(found)}`);
  await world.waitFor<V1Pod>({
    what: `all ${wanted} ${replicaType} pod(s) of ${kind.kind} ${found.metadata?.name} to succeed`,
    kind: KINDS.Pod,
    labelSelector: `${JOB_NAME_LABEL}=${found.metadata?.name},${REPLICA_TYPE_LABEL}=${replicaType.toLowerCase()}`,
    timeoutMs: world.config.timeouts.jobSucceeded,
    evaluate: (pods) => {
      const failed = pods.find((pod) => pod.status?.phase === 'Failed');
      if (failed) return impossible(`${replicaType} pod ${podSummary(failed)} failed. Replicas: ${replicaCounts(found)}`);
      const trouble = podTrouble(pods);
      if (trouble) return impossible(trouble.sentence);
      const succeeded = pods.filter((pod) => pod.status?.phase === 'Succeeded').length;
      return succeeded >= wanted ? met() : waiting(`${succeeded} of ${wanted} succeeded: ${podsSummary(pods)}`);
    },
    diagnose: (pods) => (pods.length < wanted ? `only ${pods.length} of ${wanted} pods exist: the job's cleanPodPolicy may have deleted them (use None).` : undefined),
  });
}

/** The log of one replica, e.g. Master 0: the operator names its pods <job>-<type>-<index>. */
async function replicaLog(world: KubeflowWorld, kind: KindRef, replicaType: string, index: number): Promise<string> {
  const pod = `${job(world, kind)}-${replicaType.toLowerCase()}-${index}`;
  return readLog(world.clients, { namespace: world.namespace, pod });
}

export async function expectAccuracyAtLeast(world: KubeflowWorld, kind: KindRef, replicaType: string, index: number, threshold: number): Promise<void> {
  const log = await replicaLog(world, kind, replicaType, index);
  expectLogAccuracy(log, `${replicaType} ${index}`, threshold, world.config.logPatterns.accuracy);
}

export async function expectConverged(world: KubeflowWorld, kind: KindRef, replicaType: string, index: number, steps: number): Promise<void> {
  const log = await replicaLog(world, kind, replicaType, index);
  expectLogConverged(log, `${replicaType} ${index}`, steps, world.config.crossEntropyMax, world.config.logPatterns.convergence);
}
