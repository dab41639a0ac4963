import { formatDuration } from '../wait/duration';
import { escapeMarkup as esc } from './escape';
import type { ScenarioRecord } from './history';
import { measures, type ScenarioTrend, type Trend } from './trend';

const CHART = { width: 180, height: 40, pad: 4 };
const STATUS_COLOURS: Record<string, string> = { passed: '#26b99a', failed: '#e74c3c', skipped: '#3498db' };
const seconds = (value: number): string => formatDuration(value * 1000);

/** The run's results as squares, oldest first: green passed, red failed, blue skipped, grey did not run. */
function resultSquares(trend: ScenarioTrend, runs: Trend['runs']): string {
  return trend.results
    .map((result, i) => {
      const status = result?.status ?? 'did not run';
      const retried = result && result.attempts.length > 1 ? `, after ${result.attempts.length} attempts` : '';
      const colour = STATUS_COLOURS[status] ?? (result ? '#b73122' : '#d5d8dc');
      return `<span class="sq" style="background:${colour}" title="${esc(`${runs[i].runId} ${runs[i].started}: ${status}${retried}`)}"></span>`;
    })
    .join('');
}

/** A small line chart of how long the scenario's workload took in each run it passed. */
function durationChart(trend: ScenarioTrend): string {
  // A failed run may have no workload time: the chart follows what the passed runs measured.
  const newestFirst = [...trend.results].reverse().filter((r): r is ScenarioRecord => r !== undefined);
  const latest = newestFirst.find((r) => r.status === 'passed') ?? newestFirst[0];
  const measure = latest ? Object.keys(measures(latest))[0] : undefined;
  if (!measure) return '';
  const values = trend.results.map((r) => (r && r.status === 'passed' ? measures(r)[measure] : undefined));
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) return `<span class="muted">${esc(measure)}: no passed run yet</span>`;
  const max = Math.max(...known) || 1;
  const step = (CHART.width - 2 * CHART.pad) / Math.max(1, values.length - 1);
  const points = values.flatMap((v, i) => (v === undefined ? [] : [[CHART.pad + i * step, CHART.height - CHART.pad - (v / max) * (CHART.height - 2 * CHART.pad)]]));
  const line = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const dots = points.map(([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2"/>`).join('');
  return (
    `<svg class="chart" width="${CHART.width}" height="${CHART.height}" role="img" aria-label="${esc(`${measure} per run`)}"><polyline points="${line}"/>${dots}</svg>` +
    `<span class="muted">${esc(measure)}: ${esc(seconds(known[known.length - 1]))}</span>`
  );
}

function list(title: string, items: string[], empty: string): string {
  return `<section><h2>${esc(title)}</h2>${items.length === 0 ? `<p class="muted">${esc(empty)}</p>` : `<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`}</section>`;
}

function platformTable(trend: Trend): string {
  const rows = [...trend.runs].reverse().map((run, i, newestFirst) => {
    const counts = run.scenarios.reduce<Record<string, number>>((c, s) => ({ ...c, [s.status]: (c[s.status] ?? 0) + 1 }), {});
    const change = trend.platformChanges.find((c) => c.runId === run.runId);
    const changed = change ? change.changes.map((c) => `<div class="changed">${esc(c.row)}: ${esc(c.before ?? 'none')} → ${esc(c.after ?? 'none')}</div>`).join('') : `<span class="muted">${i === newestFirst.length - 1 ? 'the oldest run kept' : 'same platform as the run before'}</span>`;
    return `<tr><td>${esc(run.started.replace('T', ' ').slice(0, 16))}</td><td>${esc(run.runId)}</td><td>${esc(Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', '))}</td><td>${changed}</td></tr>`;
  });
  return `<section><h2>Runs and their platform</h2><table><tr><th>started (UTC)</th><th>run</th><th>scenarios</th><th>platform</th></tr>${rows.join('')}</table></section>`;
}

function scenarioTable(trend: Trend): string {
  const rows = trend.scenarios.map((s) => `<tr><td>${esc(s.name)}<div class="muted">${esc(s.uri)}</div></td><td class="squares">${resultSquares(s, trend.runs)}</td><td>${durationChart(s)}</td></tr>`);
  const legend = '<p class="muted">Oldest run first: green passed, red failed, blue skipped, grey did not run; point at a square for its run.</p>';
  return `<section><h2>Every scenario</h2>${legend}<table><tr><th>scenario</th><th>last ${trend.runs.length} runs</th><th>how long its work took</th></tr>${rows.join('')}</table></section>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:24px;color:#2a3f54}h1{font-size:24px}h2{font-size:18px;margin-top:24px}
table{border-collapse:collapse}td,th{padding:4px 12px 4px 0;text-align:left;vertical-align:top}.muted{color:#6c757d;font-size:13px}
.sq{display:inline-block;width:14px;height:14px;margin-right:2px;border-radius:2px}.changed{color:#b9770e;font-weight:600}
svg.chart polyline{fill:none;stroke:#2a3f54;stroke-width:1.5}svg.chart circle{fill:#2a3f54}svg.chart{vertical-align:middle;margin-right:8px}
.bad{color:#c0392b}.good{color:#1e8449}`;

/** The Trend page: a self-contained HTML file without scripts, beside the dashboard. */
export function renderTrendPage(trend: Trend): string {
  const first = trend.runs[0]?.started.slice(0, 10);
  const last = trend.runs.at(-1)?.started.slice(0, 10);
  const slower = trend.slower.map((s) => `${esc(s.name)}: ${esc(s.measure)} ${esc(seconds(s.seconds))}, against a median of ${esc(seconds(s.median))} before`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kubeflow-bdd trend</title><style>${STYLE}</style></head><body>
<p><a href="index.html">← this run's report</a></p>
<h1>Trend across the last ${trend.runs.length} run(s)${first ? `, ${esc(first)} to ${esc(last as string)}` : ''}</h1>
${list('New failures since the last run that checked them', trend.newFailures.map((s) => `<span class="bad">${esc(s.name)}</span> <span class="muted">${esc(s.uri)}</span>`), 'none')}
${list('Fixed since the last run that checked them', trend.fixed.map((s) => `<span class="good">${esc(s.name)}</span> <span class="muted">${esc(s.uri)}</span>`), 'none')}
${list('Flaky', trend.flaky.map((f) => `${esc(f.name)}: <span class="muted">${esc(f.why)}</span>`), 'none')}
${list('Slower than before', slower, 'none')}
${platformTable(trend)}
${scenarioTable(trend)}
</body></html>
`;
}
