import { formatDuration } from '../wait/duration';
import type { FailedScenario } from './cucumber-json';
import { escapeMarkup as esc } from './escape';
import { severity } from './messages';
import type { RunSummary } from './summary';
import { verdictOf, type Outcome } from './verdict';

export interface FirstScreen {
  summary: RunSummary;
  failed: FailedScenario[];
  /** The Run box: the cluster's fingerprint, the run id, its start and duration. */
  run: { label: string; value: string }[];
  /** Links shown under the verdict, e.g. to the trend page, relative to the HTML folder. */
  links: { label: string; href: string }[];
}

/** The verdict's colour: green only where scenarios passed and none failed; a run that checked nothing is not green. */
const VERDICT_CLASS: Record<Outcome, string> = { failed: 'kfbdd-bad', passed: 'kfbdd-good', skipped: 'kfbdd-unchecked', empty: 'kfbdd-unchecked' };

function verdict({ summary }: FirstScreen): string {
  const { outcome, headline } = verdictOf(summary);
  const detail = Object.entries(summary.scenarios)
    .sort(([a], [b]) => severity(a) - severity(b))
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  return `<p class="kfbdd-verdict ${VERDICT_CLASS[outcome]}">${esc(headline)}${detail ? ` <span>(${esc(detail)})</span>` : ''}</p>`;
}

function failedList(failed: FailedScenario[]): string {
  if (failed.length === 0) return '';
  const items = failed.map(
    (f) =>
      `<li><a href="${esc(f.href)}"><b>${esc(f.scenario)}</b></a> <span class="kfbdd-muted">${esc(f.feature)}, ${esc(formatDuration(f.seconds * 1000))}</span>` +
      `<div class="kfbdd-step">✖ ${esc(f.step)}</div><div class="kfbdd-reason">${esc(f.reason)}</div>` +
      (f.detail ? `<div class="kfbdd-muted">${esc(f.detail)}</div>` : '') +
      `<a class="kfbdd-evidence" href="${esc(f.href)}">evidence and logs →</a></li>`,
  );
  return `<h2>Failed scenarios</h2><ol class="kfbdd-failed">${items.join('')}</ol>`;
}

function skippedList(summary: RunSummary): string {
  if (summary.skipped.length === 0) return '';
  const items = summary.skipped.map((skip) => `<li>${esc(skip.scenario)}: <span class="kfbdd-muted">${esc(skip.reason)}</span></li>`);
  return `<h2>Skipped, as not for this platform</h2><ul>${items.join('')}</ul>`;
}

function runBox(run: FirstScreen['run']): string {
  const rows = run.map(({ label, value }) => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`);
  return `<h2>Run</h2><table class="kfbdd-run">${rows.join('')}</table>`;
}

/**
 * The top of the dashboard, the morning's answer: what failed and why, with a link to
 * each failure's evidence, then the run and the platform it ran against, unclipped.
 */
export function renderFirstScreen(screen: FirstScreen): string {
  const links = screen.links.map((link) => `<a href="${esc(link.href)}">${esc(link.label)}</a>`).join(' · ');
  const runError = screen.summary.runError ? `<p class="kfbdd-reason">${esc(screen.summary.runError)}</p>` : '';
  return (
    `<section id="kfbdd-first-screen" class="x_panel">${verdict(screen)}${runError}${links ? `<p>${links}</p>` : ''}` +
    `<div class="kfbdd-columns"><div class="kfbdd-outcome">${failedList(screen.failed)}${skippedList(screen.summary)}</div>` +
    `<div class="kfbdd-platform">${runBox(screen.run)}</div></div></section>`
  );
}
