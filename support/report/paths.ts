import { join } from 'node:path';

/** Where every run writes its reports; formats in cucumber.js name the same files. */
export const REPORTS_DIR = join(__dirname, '..', '..', 'reports');
export const CUCUMBER_JSON = join(REPORTS_DIR, 'cucumber.json');
export const METADATA_FILE = join(REPORTS_DIR, 'run-metadata.json');
export const HTML_DIR = join(REPORTS_DIR, 'html');
