import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';

export const MANIFEST_DIR = join(__dirname, '..', '..', 'manifests');

export type ManifestParams = Record<string, string | number>;

/**
 * Reads a YAML file from manifests/, fills its ${placeholders} and parses every
 * document in it. Errors name the file, the line and the fix.
 */
export function readYamlDocuments(path: string, params: ManifestParams = {}): unknown[] {
  const file = join(MANIFEST_DIR, path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`Manifest ${path} does not exist. Fix: add it under manifests/ or correct the step's file name.`);
  }
  const rendered = text.replace(/\$\{(\w+)\}/g, (_, key: string) => {
    if (!(key in params)) {
      throw new Error(`Manifest ${path} uses \${${key}}, which the step does not provide. Known: ${Object.keys(params).join(', ') || 'none'}.`);
    }
    return String(params[key]);
  });
  return parseAllDocuments(rendered).map((document) => {
    if (document.errors.length > 0) {
      const first = document.errors[0];
      const line = first.linePos?.[0].line;
      throw new Error(`Manifest ${relative(process.cwd(), file)} is not valid YAML${line ? ` at line ${line}` : ''}: ${first.message.split('\n')[0]}`);
    }
    return document.toJS() as unknown;
  });
}

/** The Kubernetes objects in a fixture from manifests/. */
export function loadManifest(path: string, params: ManifestParams = {}): KubernetesObject[] {
  const objects = readYamlDocuments(path, params).filter((document) => document !== null) as KubernetesObject[];
  for (const object of objects) {
    if (!object.apiVersion || !object.kind || !(object.metadata?.name || object.metadata?.generateName)) {
      throw new Error(`Manifest ${path} has a document without apiVersion, kind and metadata.name. Fix: complete it.`);
    }
  }
  return objects;
}
