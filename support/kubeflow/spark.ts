import type { V1Pod } from '@kubernetes/client-node';
import { amended } from '../cluster/errors';
import { KINDS } from '../cluster/kinds';
import { lastMatch, readLog } from '../cluster/logs';
import { secondsSinceCreation } from '../cluster/timing';
import { guardedByPods } from '../wait/guards';
import type { KubeflowWorld } from '../world';
import {
  diagnoseSparkApplication,
  executorProblem,
  hasCompleted,
  SPARK_APP_LABEL,
  SPARK_ROLE_LABEL,
  type SparkApplication,
} from './spark-application-status';
import { awaitTakenUp } from './taken-up';

const DRIVER_LINES = 20;
/** What Spark's pi example prints, with its estimate. */
const PI_LINE = /Pi is roughly (\d+(?:\.\d+)?)/;

export async function createSparkApplication(world: KubeflowWorld, file: string): Promise<void> {
  // Beside it, what it mounts (a ConfigMap of its program), made first.
  const created = await world.create<SparkApplication>(file, { image: world.config.images.spark });
  const application = created.find((object) => object.kind === KINDS.SparkApplication.kind);
  if (!application) throw new Error(`${file} holds no SparkApplication. Fix: add one.`);
  world.subjects.set('spark application', { kind: KINDS.SparkApplication, name: application.metadata?.name as string });
}

const applicationName = (world: KubeflowWorld): string => world.subject('spark application').name;

async function readApplication(world: KubeflowWorld): Promise<SparkApplication> {
  const { apiVersion, kind } = KINDS.SparkApplication;
  return (await world.clients.objects.read({ apiVersion, kind, metadata: { name: applicationName(world), namespace: world.namespace } })) as SparkApplication;
}

async function driverLog(world: KubeflowWorld): Promise<{ pod: string; log: string } | undefined> {
  const pod = (await readApplication(world).catch(() => undefined))?.status?.driverInfo?.podName;
  if (!pod) return undefined;
  const log = await readLog(world.clients, { namespace: world.namespace, pod }).catch(() => undefined);
  return log === undefined ? undefined : { pod, log: log.trimEnd() };
}

/** Spark's INFO lines and Java's stack frames: what buries a program's own output and traceback. */
const SPARK_NOISE = /^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d INFO |^\s+at |^\s+\.\.\. \d+ more/;

/** The last lines of a driver's log that say something: the program's output, warnings, errors, a traceback. */
export function telling(log: string): string {
  return log.split('\n').filter((line) => !SPARK_NOISE.test(line)).slice(-DRIVER_LINES).join('\n');
}

/** A failed application's message, with the driver's last telling lines: Spark's own account of what went wrong. */
async function withDriverLines(world: KubeflowWorld, error: unknown): Promise<unknown> {
  if (!(error instanceof Error)) return error;
  const driver = await driverLog(world);
  if (!driver?.log) return error;
  return amended(error, `The last lines of driver ${driver.pod} (without Spark's INFO lines and stack frames):\n${telling(driver.log).replace(/^/gm, '  ')}`);
}

/**
 * COMPLETED within the job timeout. A failed submission or driver ends the wait at
 * once, with the operator's error and the driver's last lines; the driver's and
 * executors' pods guard it (an image that cannot be pulled, a pod nothing places).
 */
export async function awaitSparkApplicationCompleted(world: KubeflowWorld): Promise<void> {
  const name = applicationName(world);
  const what = `SparkApplication ${name} to complete`;
  const timeoutMs = world.config.timeouts.jobSucceeded;
  const guard = { ...world.guard(what, timeoutMs), labelSelector: `${SPARK_APP_LABEL}=${name}`, owners: [{ kind: KINDS.SparkApplication.kind, name }] };
  try {
    const [completed] = await guardedByPods(guard, async (signal) => {
      const reported = (application: SparkApplication) => Boolean(application.status?.applicationState?.state);
      await awaitTakenUp(world, 'the Spark Operator', KINDS.SparkApplication, name, signal, diagnoseSparkApplication, reported);
      return world.waitFor<SparkApplication>({ what, kind: KINDS.SparkApplication, name, timeoutMs, signal, evaluate: hasCompleted, diagnose: diagnoseSparkApplication });
    });
    world.recordWorkloadTime('time to COMPLETED', secondsSinceCreation(completed, (completed.status as { terminationTime?: string } | undefined)?.terminationTime));
  } catch (error) {
    throw await withDriverLines(world, error);
  }
}

/** The driver's line for an executor that connected to it, with the executor's address. */
const registered = (ip: string) => new RegExp(`Registered executor \\S+ \\(${ip.replace(/\./g, '\\.')}:\\d+\\) with ID`);

/**
 * As many executors as the application asks for started, each in a pod of its own
 * on the pod network (its own IP, not the node's), and the driver registered each
 * at that pod's IP: they worked together over the pod network.
 */
export async function expectExecutorsRan(world: KubeflowWorld): Promise<void> {
  const problem = executorProblem(await readApplication(world));
  if (problem) throw new Error(problem);
  const labelSelector = `${SPARK_APP_LABEL}=${applicationName(world)},${SPARK_ROLE_LABEL}=executor`;
  const pods: V1Pod[] = (await world.clients.core.listNamespacedPod({ namespace: world.namespace, labelSelector })).items;
  if (pods.length === 0) throw new Error(`No executor pod of SparkApplication ${applicationName(world)} is left to inspect. Fix: keep them (sparkConf spark.kubernetes.executor.deleteOnTermination: "false"), as the scenario's application does.`);
  const driver = await driverLog(world);
  for (const pod of pods) {
    const { podIP, hostIP } = pod.status ?? {};
    if (pod.spec?.hostNetwork || !podIP || podIP === hostIP) {
      throw new Error(`Executor pod ${pod.metadata?.name} did not run on the pod network (pod IP ${podIP ?? 'none'}, node IP ${hostIP ?? 'none'}).`);
    }
    if (!driver || !registered(podIP).test(driver.log)) {
      throw new Error(`The driver${driver ? ` ${driver.pod}` : ''} never registered executor pod ${pod.metadata?.name} at ${podIP}: the executor did not reach it over the pod network.`);
    }
  }
  world.log(`Executors the driver registered: ${pods.map((pod) => `${pod.metadata?.name} at ${pod.status?.podIP}`).join(', ')}`);
}

/** Why a driver's log does not report an estimate of pi within the tolerance, if it does not. */
export function piProblem(log: string, tolerance: number): string | undefined {
  const match = lastMatch(log, PI_LINE);
  if (!match) return `The driver printed no "Pi is roughly <estimate>" line.`;
  const estimate = Number(match[1]);
  if (Math.abs(estimate - Math.PI) <= tolerance) return undefined;
  return `The driver's estimate of pi, expected against actual: ${Math.PI.toFixed(5)} ± ${tolerance}, got ${estimate} ("${match[0]}").`;
}

/** The driver computed pi: its log says so, close enough to be right. */
export async function expectDriverEstimatesPi(world: KubeflowWorld, tolerance: number): Promise<void> {
  const driver = await driverLog(world);
  if (!driver) throw new Error(`The driver pod of SparkApplication ${applicationName(world)} or its log is gone.`);
  world.log(lastMatch(driver.log, PI_LINE)?.[0] ?? `${driver.pod} printed no estimate`);
  const problem = piProblem(driver.log, tolerance);
  if (problem) throw new Error(`${problem}\nThe last lines of driver ${driver.pod} (without Spark's INFO lines and stack frames):\n${telling(driver.log)}`);
}
