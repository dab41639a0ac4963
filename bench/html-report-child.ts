// Renders the HTML report of the cucumber.json under KUBEFLOW_BDD_REPORTS, with the
// code a run uses, and prints how long that took and the process's peak memory.
import { writeHtmlReport } from '../support/report/html';

const started = Date.now();
const finished = new Date();
writeHtmlReport({ started: new Date(started - 60_000), finished });
const milliseconds = Date.now() - started;
console.log(JSON.stringify({ milliseconds, peakMegabytes: process.resourceUsage().maxRSS / 1024 }));
