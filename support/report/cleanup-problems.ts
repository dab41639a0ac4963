import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORTS_DIR } from './paths';

/**
 * What a run's cleanup left behind, one file per cucumber process: a namespace is
 * seen gone only at the end of the run (support/scenario-namespace.ts), where a
 * failed AfterAll hook would stop cucumber before its reports, so the runner reads these.
 */
const CLEANUP_DIR = join(REPORTS_DIR, 'cleanup-problems');

export function writeCleanupProblems(problems: string[]): void {
  mkdirSync(CLEANUP_DIR, { recursive: true });
  writeFileSync(join(CLEANUP_DIR, `${process.pid}.json`), JSON.stringify(problems));
}

export function readCleanupProblems(): string[] {
  let files: string[];
  try {
    files = readdirSync(CLEANUP_DIR);
  } catch {
    return [];
  }
  return files.flatMap((file) => JSON.parse(readFileSync(join(CLEANUP_DIR, file), 'utf8')) as string[]);
}

/** A run starts with none. */
export function forgetCleanupProblems(): void {
  rmSync(CLEANUP_DIR, { recursive: true, force: true });
}
