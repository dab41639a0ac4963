// The kubeconfig as kubectl reads it (client-go's loading rules): the files KUBECONFIG
// lists, or ~/.kube/config; missing ones skipped; merged with the first file to set a
// value winning; relative paths taken from the folder of the file that names them.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { KubeconfigProblem } from './kubeconfig-problem';

export interface RawCluster {
  server?: string;
  'certificate-authority'?: string;
  [field: string]: unknown;
}

export interface RawExec {
  command?: string;
  args?: string[];
  installHint?: string;
  [field: string]: unknown;
}

export interface RawUser {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  /** The client library reads token-file instead, which kubectl ignores. */
  tokenFile?: string;
  exec?: RawExec;
  [field: string]: unknown;
}

export interface RawContext {
  cluster?: string;
  user?: string;
  [field: string]: unknown;
}

/** A value of the merged kubeconfig and the file it came from, which a problem names. */
export interface Entry<T> {
  file: string;
  value: T;
}

export interface MergedKubeconfig {
  /** The files KUBECONFIG names, or the default one. */
  named: string[];
  /** Those that exist, in order. */
  read: string[];
  currentContext?: Entry<string>;
  contexts: Map<string, Entry<RawContext>>;
  clusters: Map<string, Entry<RawCluster>>;
  users: Map<string, Entry<RawUser>>;
}

const LISTS = { clusters: 'cluster', contexts: 'context', users: 'user' } as const;

export function kubeconfigFiles(env: NodeJS.ProcessEnv): string[] {
  if (env.KUBECONFIG) return [...new Set(env.KUBECONFIG.split(delimiter).filter((file) => file !== ''))].map((file) => resolve(file));
  return [join(env.HOME || homedir(), '.kube', 'config')];
}

function notKubeconfig(file: string, why: string): KubeconfigProblem {
  return {
    what: `The kubeconfig ${file} is not a kubeconfig: ${why}`,
    kubectl: `kubectl refuses it too ("error loading config file \\"${file}\\"")`,
    fix: `correct it, or point KUBECONFIG at your cluster's kubeconfig (YAML of kind Config, as \`kubectl config view --raw\` prints it where kubectl works).`,
  };
}

type Read = { document: Record<string, unknown> } | { problem: KubeconfigProblem };

/** A file's document, or why kubectl would not read it. An empty file holds nothing, as for kubectl. */
function readDocument(file: string): Read {
  let document: unknown;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { problem: notKubeconfig(file, `it is not YAML (${(error as Error).message.split('\n')[0].replace(/:$/, '')})`) };
  }
  if (document === null || document === undefined) return { document: {} };
  if (typeof document !== 'object' || Array.isArray(document)) {
    return { problem: notKubeconfig(file, `it holds ${Array.isArray(document) ? 'a list' : `the ${typeof document} ${JSON.stringify(document).slice(0, 40)}`}, not the fields of one`) };
  }
  const fields = document as Record<string, unknown>;
  const { kind = 'Config', apiVersion = 'v1' } = fields;
  if (kind !== 'Config' || apiVersion !== 'v1') return { problem: notKubeconfig(file, `it is a ${kind} of apiVersion ${apiVersion}, not a Config of v1`) };
  const notLists = Object.keys(LISTS).filter((list) => list in fields && !Array.isArray(fields[list]));
  if (notLists.length > 0) return { problem: notKubeconfig(file, `its ${notLists.join(' and ')} ${notLists.length > 1 ? 'are' : 'is'} not a list`) };
  return { document: fields };
}

/** The paths an entry names, made absolute from the folder of its file; a plugin found on PATH keeps its bare name. */
function resolvePaths(list: keyof typeof LISTS, value: Record<string, unknown>, folder: string): Record<string, unknown> {
  const fields = { clusters: ['certificate-authority'], users: ['client-certificate', 'client-key', 'tokenFile'], contexts: [] }[list];
  const resolved = { ...value };
  for (const field of fields) if (typeof resolved[field] === 'string' && resolved[field] !== '') resolved[field] = resolve(folder, resolved[field] as string);
  const exec = (resolved as RawUser).exec;
  if (exec?.command?.includes('/')) resolved.exec = { ...exec, command: resolve(folder, exec.command) };
  return resolved;
}

/** Reads and merges the files; what makes one unreadable is returned with the others' problems. */
export function readKubeconfig(env: NodeJS.ProcessEnv): { merged: MergedKubeconfig; problems: KubeconfigProblem[] } {
  const named = kubeconfigFiles(env);
  const merged: MergedKubeconfig = { named, read: named.filter((file) => existsSync(file)), contexts: new Map(), clusters: new Map(), users: new Map() };
  const problems: KubeconfigProblem[] = [];
  for (const file of merged.read) {
    const read = readDocument(file);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const { document } = read;
    const current = document['current-context'];
    if (!merged.currentContext && typeof current === 'string' && current !== '') merged.currentContext = { file, value: current };
    for (const [list, field] of Object.entries(LISTS) as [keyof typeof LISTS, string][]) {
      const entries = merged[list] as Map<string, Entry<Record<string, unknown>>>;
      for (const item of (document[list] ?? []) as Record<string, unknown>[]) {
        // An entry without its fields is an empty one, as for kubectl: a cluster without a server, an anonymous user.
        const value = item?.[field] ?? {};
        if (typeof item?.name !== 'string' || entries.has(item.name) || typeof value !== 'object') continue;
        entries.set(item.name, { file, value: resolvePaths(list, value as Record<string, unknown>, dirname(file)) });
      }
    }
  }
  return { merged, problems };
}
