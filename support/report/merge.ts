// Merges the reports of a run's shards (each a folder as `npm run features` writes it)
// into one folder of the same files, as if one run had made them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonFeature } from './cucumber-json';
import { escapeMarkup } from './escape';
import { junitError } from './not-started';

export const SHARD_FILES = ['cucumber.json', 'cucumber.ndjson', 'junit.xml', 'run-metadata.json'];

/** A folder that holds every report a finished shard writes. */
export const isShardFolder = (dir: string): boolean => SHARD_FILES.every((file) => existsSync(join(dir, file)));

/** Fails naming the folder and what is missing: a shard that did not run must not pass unnoticed. */
export function checkShardFolders(dirs: string[]): void {
  if (dirs.length === 0) throw new Error('report:merge needs the report folders of the shards. Fix: npm run report:merge -- <folder of shard 1> <folder of shard 2> ...');
  for (const dir of dirs) {
    const missing = SHARD_FILES.filter((file) => !existsSync(join(dir, file)));
    if (missing.length > 0) throw new Error(`${dir} has no ${missing.join(', ')}: it is not the report folder of a finished shard. Fix: name the folders the shards wrote (KUBEFLOW_BDD_REPORTS of each).`);
  }
}

/** One feature per file: a feature whose scenarios ran in several shards gets them all, in the file's order. */
export function mergeCucumberJson(shards: JsonFeature[][]): JsonFeature[] {
  const byUri = new Map<string, JsonFeature>();
  for (const feature of shards.flat()) {
    const known = byUri.get(feature.uri);
    if (known) known.elements.push(...feature.elements);
    else byUri.set(feature.uri, { ...feature, elements: [...feature.elements] });
  }
  for (const feature of byUri.values()) feature.elements.sort((a, b) => a.line - b.line);
  return [...byUri.values()].sort((a, b) => a.uri.localeCompare(b.uri));
}

/** Scenarios that ran in more than one shard, by file and line: each must run exactly once. */
export function scenariosRunTwice(shards: JsonFeature[][]): string[] {
  const seen = new Map<string, number>();
  shards.forEach((features, shard) => {
    for (const feature of features) for (const scenario of feature.elements) {
      const key = `${feature.uri}:${scenario.line} (${scenario.name})`;
      const before = seen.get(key);
      if (before !== undefined && before !== shard) seen.set(key, -1);
      else seen.set(key, shard);
    }
  });
  return [...seen].filter(([, shard]) => shard === -1).map(([key]) => key);
}

interface Suite {
  attributes: Record<string, string>;
  testcases: string[];
}

function readSuite(xml: string): Suite {
  const open = /<testsuite\b([^>]*)>/.exec(xml);
  const attributes = Object.fromEntries([...(open?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, name, value]) => [name, value]));
  // A testcase closes itself, or holds elements (<failure/>, <skipped/>, output) up to its end tag;
  // its quoted attributes may hold a ">" (cucumber writes scenario outlines' <placeholders> so).
  return { attributes, testcases: xml.match(/<testcase\b(?:[^>"]|"[^"]*")*?(?:\/>|>[\s\S]*?<\/testcase>)/g) ?? [] };
}

/**
 * One testsuite holding every shard's testcases; its counts are the sums (skipped ones
 * too: a skipped testcase keeps its <skipped/>), its time the longest shard's. Each
 * problem of the set (a missing shard) is an error of the suite, as a run that did not start has.
 */
export function mergeJunit(xmls: string[], problems: string[] = []): string {
  const suites = xmls.map(readSuite);
  const sum = (name: string) => suites.reduce((total, suite) => total + Number(suite.attributes[name] ?? 0), 0);
  const name = suites[0]?.attributes.name ?? 'kubeflow-bdd';
  const timestamp = suites.map((suite) => suite.attributes.timestamp).filter(Boolean).sort()[0] ?? new Date().toISOString();
  const time = Math.max(...suites.map((suite) => Number(suite.attributes.time ?? 0)));
  const counts = { tests: sum('tests'), skipped: sum('skipped'), failures: sum('failures'), errors: sum('errors') + problems.length };
  const attributes = Object.entries(counts).map(([count, value]) => `${count}="${value}"`).join(' ');
  const children = [...suites.flatMap((suite) => suite.testcases), ...problems.map(junitError)];
  return `<?xml version="1.0"?>\n<testsuite name="${escapeMarkup(name)}" time="${time}" ${attributes} timestamp="${escapeMarkup(timestamp)}">\n  ${children.join('\n  ')}\n</testsuite>\n`;
}

/** The first shard's fingerprint, with every shard's own row and run id. */
export function mergeMetadata(shards: Record<string, string>[]): Record<string, string> {
  const { Shard: _shard, ...first } = shards[0] ?? {};
  const runIds = [...new Set(shards.map((shard) => shard['Run id']).filter(Boolean))];
  return { ...first, 'Run id': runIds.join(', '), Shards: shards.map((shard) => shard.Shard ?? '?').join(', ') };
}

export const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
