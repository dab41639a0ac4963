import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  After,
  AfterAll,
  Before,
  BeforeAll,
  Status,
  setDefaultTimeout,
  setDefinitionFunctionWrapper,
  setParallelCanAssign,
  type ITestCaseHookParameter,
} from '@cucumber/cucumber';
import { makeClients } from './cluster/client';
import { clusterSeconds } from './cluster/cluster-time';
import { collectEvidence } from './diagnostics/evidence';
import { CLUSTER_PROBLEM, fingerprint, type Fingerprint } from './report/fingerprint';
import { CLUSTER_TIME } from './report/history';
import { METADATA_FILE } from './report/paths';
import { SKIP_REASON } from './report/summary';
import { servedTrainingKinds, trainingSkipReason } from './kubeflow/training-apis';
import { missingComponentSkipReason, servedOptionalKinds } from './kubeflow/optional-components';
import { rKernelSkipReason } from './kubeflow/notebook-server';
import { servesKind } from './cluster/capabilities';
import { KINDS } from './cluster/kinds';
import { interruption } from './interrupt';
import { writeCleanupProblems } from './report/cleanup-problems';
import { deleteScenarioObjects, settleDeletions, useScenarioNamespace } from './scenario-namespace';
import { harnessConfig, KubeflowWorld } from './world';

type Pickle = ITestCaseHookParameter['pickle'];

const config = harnessConfig;
setDefaultTimeout(config.timeouts.step);

/** Why the cluster cannot be used, found once; every scenario then fails with it, so the report says why. */
let clusterProblem: Error | undefined;
/** The training kinds the cluster serves, which decide whether a training scenario applies. */
let trainingKinds: string[] = [];
/** Whether scenario namespaces come from Profiles, as a multi-user Kubeflow makes its users' namespaces. */
let servesProfiles = false;
/** The kinds of optional components the cluster serves (Notebook, InferenceService), which decide whether their scenarios apply. */
let optionalKinds: string[] = [];

BeforeAll(async function () {
  let found: Fingerprint;
  try {
    const clients = makeClients();
    found = await fingerprint(clients, config);
    trainingKinds = await servedTrainingKinds(clients);
    servesProfiles = await servesKind(clients, KINDS.Profile);
    optionalKinds = await servedOptionalKinds(clients);
  } catch (error) {
    clusterProblem = error as Error;
    // The message is the whole story: a stack through the client library would bury it.
    clusterProblem.stack = clusterProblem.message;
    found = { [CLUSTER_PROBLEM]: clusterProblem.message, 'Run id': config.runId };
  }
  mkdirSync(dirname(METADATA_FILE), { recursive: true });
  writeFileSync(METADATA_FILE, JSON.stringify(found, null, 2));
});

const isUpgrade = (pickle: Pickle): boolean => pickle.tags.some((tag) => tag.name === '@upgrade');

// An upgrade changes the platform under every other scenario: it runs alone, after
// whatever runs before it, and its follow-up checks see only the upgraded platform.
setParallelCanAssign((pickle, running) => running.length === 0 || (!isUpgrade(pickle) && !running.some(isUpgrade)));

// Evidence is attached to the step that failed, where the reader of the report looks.
setDefinitionFunctionWrapper((code: (...args: unknown[]) => unknown) =>
  async function (this: unknown, ...args: unknown[]) {
    try {
      return await code.apply(this, args);
    } catch (error) {
      if (this instanceof KubeflowWorld) await attachEvidence(this, error);
      throw error;
    }
  },
);

async function attachEvidence(world: KubeflowWorld, error: unknown): Promise<void> {
  if (error instanceof Error) {
    error.message = world.redactor.text(error.message);
    if (error.stack) error.stack = world.redactor.text(error.stack);
  }
  if (world.evidenceAttached) return;
  world.evidenceAttached = true;
  for (const piece of await collectEvidence(world)) {
    world.attach(`${piece.title}\n\n${piece.text}`, { mediaType: 'text/plain', fileName: piece.title });
  }
}

/** A scenario's area tags, e.g. pytorchjob for @pytorchjob. */
const areasOf = (pickle: Pickle): string[] => pickle.tags.map((tag) => tag.name.slice(1)).filter((name) => /^[a-z0-9-]+$/.test(name));

/** kfbdd-pytorchjob-ab12c: the area tag says what the namespace was for. */
function namespacePrefix(pickle: Pickle): string {
  const area = areasOf(pickle)[0] ?? 'scenario';
  return `kfbdd-${area}`.slice(0, 40);
}

// Hooks carry names: the HTML report shows them, with their time, as each scenario's setup and cleanup.
Before({ name: "set up the scenario's namespace" }, async function (this: KubeflowWorld, { pickle }: ITestCaseHookParameter) {
  if (clusterProblem) throw clusterProblem;
  if (interruption.signal.aborted) return 'skipped';
  const areas = areasOf(pickle);
  const notForThisPlatform =
    trainingSkipReason(areas, trainingKinds, config.require) ?? missingComponentSkipReason(areas, optionalKinds, config.require) ?? rKernelSkipReason(areas, config);
  if (notForThisPlatform) {
    this.attach(notForThisPlatform, { mediaType: 'text/plain', fileName: SKIP_REASON });
    return 'skipped';
  }
  await useScenarioNamespace(this, { fromProfile: servesProfiles && config.profileNamespaces, prefix: namespacePrefix(pickle) });
});

// Defined first, so it runs last: evidence is gathered before anything is deleted.
After({ name: 'delete what the scenario made' }, async function (this: KubeflowWorld, { pickle }: ITestCaseHookParameter) {
  if (this.cleaner.pending.length === 0 && !this.ownsNamespace && this.profiles.length === 0) return;
  await deleteScenarioObjects(this, pickle.name);
});

// Before the deletion: how long the cluster took over what the scenario made, for the trend and the bench's critical path.
After({ name: 'record the cluster time' }, async function (this: KubeflowWorld) {
  if (this.cleaner.pending.length === 0) return;
  // A measure, not a check: a cluster that cannot answer has failed a step already.
  const seconds = await clusterSeconds(this.clients, this.namespace, this.cleaner.pending).catch(() => undefined);
  this.recordWorkloadTime(CLUSTER_TIME, seconds);
});

// The namespaces the scenarios of this process deleted, seen gone; a failed AfterAll would stop cucumber before its reports, so the runner reports what was left.
AfterAll({ name: 'see the deleted namespaces gone' }, async function () {
  if (clusterProblem) return;
  const leftBehind = await settleDeletions(makeClients(), config.timeouts.cleanup);
  if (leftBehind.length > 0) writeCleanupProblems(leftBehind);
});

After({ name: 'gather the evidence of a failure' }, async function (this: KubeflowWorld, { result }: ITestCaseHookParameter) {
  if (result?.status === Status.FAILED && !this.evidenceAttached) await attachEvidence(this, undefined);
});

/** Attempts of each @flaky scenario in this worker; retries of a scenario run in the worker that ran it first. */
const attempts = new Map<string, string[]>();

// The cucumber JSON (and so the HTML) keeps only a scenario's last attempt: it carries the story of the others.
After({ name: 'record the attempt' }, function (this: KubeflowWorld, { pickle, result, willBeRetried }: ITestCaseHookParameter) {
  const history = attempts.get(pickle.id) ?? [];
  const failure = result?.message ? `: ${this.redactor.text(result.message.split('\n')[0])}` : '';
  history.push(`attempt ${history.length + 1} ${String(result?.status ?? 'UNKNOWN').toLowerCase()}${failure}`);
  attempts.set(pickle.id, history);
  if (!willBeRetried && history.length > 1) {
    this.attach(`This scenario ran ${history.length} times (it is tagged @flaky):\n${history.join('\n')}`, { mediaType: 'text/plain', fileName: 'attempts' });
  }
});
