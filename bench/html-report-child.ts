// Renders the HTML report of the cucumber.json under KUBEFLOW_BDD_REPORTS, with the
// code a run uses, and prints how long that took and the process's peak memory.
import { readFileSync } from 'node:fs';
import { writeHtmlReport } from '../support/report/html';
import { CUCUMBER_JSON } from '../support/report/paths';

const started = Date.now();
const features = JSON.parse(readFileSync(CUCUMBER_JSON, 'utf8')) as { elements: { steps: { result: { status: string } }[] }[] }[];
const scenarios = features.flatMap((feature) => feature.elements);
const failed = scenarios.filter((scenario) => scenario.steps.some((step) => step.result.status === 'failed')).length;
const summary = { scenarios: { passed: scenarios.length - failed, failed }, skipped: [], tests: {}, steps: {} };
writeHtmlReport({ started: new Date(started - 60_000), finished: new Date(), summary });
const milliseconds = Date.now() - started;
console.log(JSON.stringify({ milliseconds, peakMegabytes: process.resourceUsage().maxRSS / 1024 }));
