import { existsSync, readFileSync } from 'node:fs';
import { METADATA_FILE } from './paths';

/** The cluster's fingerprint as the run recorded it (support/report/fingerprint.ts), or none when the run did not reach that far. */
export function readRunMetadata(): Record<string, string> | undefined {
  return existsSync(METADATA_FILE) ? (JSON.parse(readFileSync(METADATA_FILE, 'utf8')) as Record<string, string>) : undefined;
}
