// npm run features:in-cluster [-- --shards <n> | --cronjob] [cucumber args]: runs the
// harness's image in the sandbox as manifests/in-cluster/ runs it in a user's cluster:
// a Job (or an Indexed Job of n shards, or the nightly CronJob fired once) on the real
// node, as the least-privilege ServiceAccount, talking to the sandbox's API server
// through the in-cluster configuration. Its pods' logs show here as they run; then
// the run's reports are copied off the volume to reports/in-cluster/<run id>/.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubernetesObject, V1CronJob, V1Job } from '@kubernetes/client-node';
import { PatchStrategy } from '@kubernetes/client-node';
import { readTimeouts } from '../support/config';
import { InterruptedError } from '../support/interrupt';
import { makeClients, type Clients } from '../support/cluster/client';
import { KINDS } from '../support/cluster/kinds';
import { loadManifest } from '../support/cluster/manifest';
import { REPORTS_DIR } from '../support/report/paths';
import { formatSummary, summarise } from '../support/report/summary';
import { progressReporter } from '../support/wait/progress';
import { met, waiting } from '../support/wait/verdict';
import { waitFor } from '../support/wait/watch';
import { copyReports } from './in-cluster/copy-reports';
import { followJobLogs } from './in-cluster/follow';
import { registryLoginSecret, runObjects, type RunForm } from './in-cluster/job-object';
import { sandboxEnvironment } from './sandbox-env';

const ROOT = join(__dirname, '..');
const NAMESPACE = 'kubeflow-bdd';
const CLAIM = 'kubeflow-bdd-reports';
const FIELD_MANAGER = 'kubeflow-bdd-in-cluster';

function parseArgs(args: string[]): { form: RunForm; cucumberArgs: string[] } {
  const at = args.indexOf('--shards');
  if (at >= 0) {
    const shards = Number(args[at + 1]);
    if (!Number.isInteger(shards) || shards < 2) throw new Error(`--shards ${args[at + 1] ?? ''} is not a number of shards. Fix: give 2 or more, e.g. --shards 3.`);
    return { form: { kind: 'sharded', shards }, cucumberArgs: [...args.slice(0, at), ...args.slice(at + 2)] };
  }
  if (args.includes('--cronjob')) return { form: { kind: 'cronjob' }, cucumberArgs: args.filter((arg) => arg !== '--cronjob') };
  return { form: { kind: 'job' }, cucumberArgs: args };
}

/** The harness's image as the project is now, built and pushed to the sandbox's registry. */
function harnessImage(): string {
  const built = spawnSync('bash', [join(ROOT, 'sandbox', 'image.sh'), 'harness'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (built.status !== 0) throw new Error('The harness image could not be built (see above).');
  return built.stdout.trim();
}

/** Where the API server says it is reached, as the endpoints of the kubernetes Service (a pod's in-cluster address, less the Service's virtual IP, for which the sandbox runs no proxy). */
async function apply(clients: Clients, objects: KubernetesObject[]): Promise<void> {
  for (const object of objects) await clients.objects.patch(object, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
}

/** Complete and Failed both end the run: the reports say how it went. */
async function awaitJobEnd(clients: Clients, name: string, timeoutMs: number): Promise<V1Job> {
  const what = `Job ${name} to end`;
  const [job] = await waitFor<V1Job & KubernetesObject>(clients, {
    what,
    kind: KINDS.Job,
    namespace: NAMESPACE,
    name,
    timeoutMs,
    onProgress: progressReporter(what),
    evaluate: ([found]) => {
      const end = found?.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
      return end ? met() : waiting(`active ${found?.status?.active ?? 0}, succeeded ${found?.status?.succeeded ?? 0}, failed ${found?.status?.failed ?? 0}`);
    },
  });
  return job;
}

/**
 * The nightly CronJob, scheduled every minute until the CronJob controller has made
 * its first Job, then deleted (its Job with it only once that ends, by the Job's TTL).
 */
async function fireOnce(clients: Clients, cronJob: V1CronJob): Promise<string> {
  await apply(clients, [cronJob]);
  const { name, namespace } = cronJob.metadata as { name: string; namespace: string };
  const owner = (await clients.objects.read({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace } })) as V1CronJob & KubernetesObject;
  const what = `CronJob ${name} to fire (at the next full minute)`;
  try {
    const [job] = await waitFor<V1Job & KubernetesObject>(clients, {
      what,
      kind: KINDS.Job,
      namespace: NAMESPACE,
      timeoutMs: readTimeouts().controllerActs + 60_000,
      onProgress: progressReporter(what),
      evaluate: (jobs) => (jobs.some((job) => job.metadata?.ownerReferences?.some((ref) => ref.uid === owner.metadata?.uid)) ? met() : waiting('no Job of it yet')),
    }).then((jobs) => jobs.filter((job) => job.metadata?.ownerReferences?.some((ref) => ref.uid === owner.metadata?.uid)));
    return job.metadata?.name as string;
  } finally {
    await clients.objects.delete(owner, undefined, undefined, undefined, undefined, 'Orphan').catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const { form, cucumberArgs } = parseArgs(process.argv.slice(2));
  const sandbox = sandboxEnvironment();
  Object.assign(process.env, { KUBECONFIG: sandbox.KUBECONFIG });
  const clients = makeClients();
  const image = harnessImage();
  await apply(clients, [...loadManifest('rbac/kubeflow-bdd.yaml'), ...loadManifest('in-cluster/reports-volume.yaml')]);

  // The harness's settings for the sandbox: its images, its registry, the scale its TensorFlow program reports in.
  const { KUBEFLOW_BDD_REGISTRY_CONFIG: loginFile, ...harness } = Object.fromEntries(Object.entries(sandbox).filter(([name]) => name.startsWith('KUBEFLOW_BDD_')));
  // The registry's login, given as a user gives it to the Job: a Secret of the docker config, which the manifests mount.
  if (loginFile) await apply(clients, [registryLoginSecret(form, readFileSync(loginFile, 'utf8'), NAMESPACE)]);
  const settings = {
    image,
    args: cucumberArgs,
    env: harness,
    requests: { cpu: '100m', memory: '256Mi' },
    registryLogin: Boolean(loginFile),
  };
  const objects = runObjects(form, settings);
  const timeoutMs = readTimeouts().inClusterRun;
  let name: string;
  if ('cronJob' in objects) {
    name = await fireOnce(clients, objects.cronJob);
    console.log(`Job ${NAMESPACE}/${name}, made by CronJob ${objects.cronJob.metadata?.name} at its first firing, runs image ${image}`);
  } else {
    name = ((await clients.objects.create(objects.job)) as V1Job).metadata?.name as string;
    console.log(`Job ${NAMESPACE}/${name} (${form.kind === 'sharded' ? `${form.shards} shards, an Indexed Job` : 'one pod'}) runs image ${image}`);
  }
  const shards = form.kind === 'sharded' ? form.shards : 1;

  const following = new AbortController();
  const logs = followJobLogs(clients, { namespace: NAMESPACE, name, shards }, timeoutMs, following.signal);
  let ended: V1Job;
  try {
    ended = await awaitJobEnd(clients, name, timeoutMs);
  } catch (error) {
    // Ctrl-C (or a Job that never ends) stops the Job too: its pods would go on changing the sandbox.
    following.abort();
    await clients.objects.delete({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: NAMESPACE } }, undefined, undefined, 0, undefined, 'Background').catch(() => undefined);
    throw error;
  }
  following.abort();
  await logs.drained();

  const into = join(REPORTS_DIR, 'in-cluster', name);
  await copyReports(clients, { namespace: NAMESPACE, claim: CLAIM, image }, name, into, readTimeouts().podRunning);
  const failed = ended.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
  console.log(`\nJob ${name} ${failed ? `failed: ${failed.reason} ${failed.message ?? ''}` : 'completed'}.\n\n${formatSummary(summarise(join(into, 'cucumber.ndjson')))}`);
  console.log(`\nReports, copied off the volume ${CLAIM}: ${into}/{cucumber.json,cucumber.ndjson,junit.xml}\nHTML:    ${join(into, 'html', 'index.html')}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(error instanceof InterruptedError ? 130 : 2);
  },
);
