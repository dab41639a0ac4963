import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { METADATA_FILE } from './paths';

/** The cluster's fingerprint as the run recorded it (support/report/fingerprint.ts), or none when the run did not reach that far. */
export function readRunMetadata(): Record<string, string> | undefined {
  return existsSync(METADATA_FILE) ? (JSON.parse(readFileSync(METADATA_FILE, 'utf8')) as Record<string, string>) : undefined;
}

/**
 * Adds rows the runner knows and the run's processes do not, e.g. a shard's place in
 * its set: the runner adds it once cucumber has ended, whether or not the cluster answered.
 */
export function addToRunMetadata(rows: Record<string, string>): void {
  mkdirSync(dirname(METADATA_FILE), { recursive: true });
  writeFileSync(METADATA_FILE, JSON.stringify({ ...readRunMetadata(), ...rows }, null, 2));
}
