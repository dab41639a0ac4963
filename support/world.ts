import { setWorldConstructor, World } from '@cucumber/cucumber';
import type { KubernetesObject, V1Pod } from '@kubernetes/client-node';
import { readConfig, type HarnessConfig } from './config';
import { Cleaner } from './cluster/cleaner';
import { makeClients, type Clients } from './cluster/client';
import { createObjects } from './cluster/create';
import type { KindRef } from './cluster/kinds';
import { loadManifest, type ManifestParams } from './cluster/manifest';
import { Redactor } from './diagnostics/redact';
import type { Guard } from './wait/guards';
import { waitFor, type WaitSpec } from './wait/watch';
import { progressReporter } from './wait/progress';
import { WORKLOAD_TIME } from './report/history';

/** Read once per worker process and never changed after; hooks and Worlds share it, run id included. */
export const harnessConfig: HarnessConfig = readConfig();

/** The object a scenario is about, so later steps can say "the PyTorchJob" or "the notebook's pod". */
export interface Subject {
  kind: KindRef;
  name: string;
}

/**
 * The state of one scenario: its clients, its namespace, what it created (for cleanup,
 * newest first) and the objects later steps refer to. One World per scenario, so
 * scenarios share nothing and run side by side under --parallel.
 */
export class KubeflowWorld extends World {
  readonly config = harnessConfig;
  private madeClients?: Clients;
  readonly cleaner = new Cleaner();
  /** Every secret value this scenario handles, removed from anything it attaches. */
  readonly redactor = new Redactor();
  namespace = '';
  /** True when the namespace was made for this scenario and goes with it. */
  ownsNamespace = false;
  /** Profiles this scenario made (its namespace's among them, where the cluster serves Profiles): deleted after it, with their namespaces. */
  readonly profiles: string[] = [];
  /** The ServiceAccount notebooks run as: default-editor in a profile namespace, as the Jupyter web app makes them. */
  serviceAccount = 'default';
  /** Subjects by role: 'job', 'notebook', 'builder', 'pod', ... */
  readonly subjects = new Map<string, Subject>();
  /** Pods that later steps inspect, by role. */
  readonly pods = new Map<string, V1Pod>();
  /** The secret of registry credentials the Kaniko build pushes with, if it pushes. */
  builderSecret?: string;
  /** The digest of the image a Kaniko build pushed, as its log reports it. */
  pushedDigest?: string;
  /** The runtime KServe picks for the scenario's sklearn model: its name and image. */
  servingRuntime?: { name: string; image: string };
  /** Where the scenario's trained model lies, as an InferenceService's storage URI names it. */
  modelUri?: string;
  /** The platform's Helm revision before this scenario upgraded it. */
  releaseRevisionBefore?: number;
  /** Set once the failing step has attached its evidence, so the After hook does not repeat it. */
  evidenceAttached = false;
  /**
   * When the API server made this scenario's first object, by its own clock: older
   * events in the namespace are of other scenarios' objects.
   */
  private firstCreated?: Date;

  /** Where a guard of one of this scenario's waits watches (see support/wait/guards.ts). */
  guard(what: string, timeoutMs: number): Guard {
    return { clients: this.clients, namespace: this.namespace, what, timeoutMs, patienceMs: this.config.timeouts.podStuck, since: this.firstCreated ?? new Date(0) };
  }

  /** Loads a fixture from manifests/, creates it in the scenario's namespace and registers it for cleanup. */
  async create<T extends KubernetesObject>(file: string, params: ManifestParams = {}): Promise<T[]> {
    const objects = loadManifest(file, params) as T[];
    this.redactor.learn(objects);
    const created = await createObjects(this, objects);
    // A Date for built-in kinds, the API's string for custom ones.
    const at = created[0]?.metadata?.creationTimestamp;
    if (at) this.firstCreated ??= new Date(at);
    return created;
  }

  /** Made on first use, so a missing kubeconfig fails in a hook with its message rather than in the constructor. */
  get clients(): Clients {
    this.madeClients ??= makeClients();
    return this.madeClients;
  }

  get runId(): string {
    return this.config.runId;
  }

  subject(role: string): Subject {
    const found = this.subjects.get(role);
    if (!found) throw new Error(`No ${role} was created earlier in this scenario. Fix: add the step that creates it before this one.`);
    return found;
  }

  pod(role: string): V1Pod {
    const found = this.pods.get(role);
    if (!found) throw new Error(`No ${role} pod was found earlier in this scenario. Fix: add the step that waits for it before this one.`);
    return found;
  }

  /**
   * How long the workload took (a job to succeed, a build, a rollout), attached to the
   * step: the trend page charts it across runs. Unknown times are left out.
   */
  recordWorkloadTime(what: string, seconds: number | undefined): void {
    if (seconds === undefined) return;
    this.attach(JSON.stringify({ what, seconds: Math.round(seconds * 10) / 10 }), { mediaType: 'application/json', fileName: WORKLOAD_TIME });
  }

  /** A watch-based wait in the scenario's namespace that prints progress on long waits. */
  waitFor<T extends KubernetesObject>(spec: Omit<WaitSpec<T>, 'onProgress'>): Promise<T[]> {
    return waitFor<T>(this.clients, { namespace: this.namespace, onProgress: progressReporter(spec.what), ...spec });
  }
}

setWorldConstructor(KubeflowWorld);
