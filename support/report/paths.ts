import { join, resolve } from 'node:path';

/** Where every run writes its reports (KUBEFLOW_BDD_REPORTS moves them); cucumber.js names the same files. */
export const REPORTS_DIR = resolve(process.env.KUBEFLOW_BDD_REPORTS || join(__dirname, '..', '..', 'reports'));
export const CUCUMBER_JSON = join(REPORTS_DIR, 'cucumber.json');
export const METADATA_FILE = join(REPORTS_DIR, 'run-metadata.json');
export const HTML_DIR = join(REPORTS_DIR, 'html');
export const MESSAGES_NDJSON = join(REPORTS_DIR, 'cucumber.ndjson');
