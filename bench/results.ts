import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** One measured figure, with the goal it is held to when it has one. */
export interface Figure {
  measure: string;
  tool: string;
  /** How many samples the figure summarises. */
  samples: number;
  p50?: number;
  p95?: number;
  unit: 'ms' | 'x' | 'requests' | 'requests/s' | 'MB' | 'scenarios';
  /** In words, e.g. "p95 <= 100 ms"; absent for a peer measured only for comparison. */
  goal?: string;
  met?: boolean;
  /**
   * Samples that ended with another answer than the right one, or none in time: they
   * count in the percentiles as never (a p95 over right answers only would hide them),
   * and fail the figure and the bench.
   */
  wrong?: number;
  note?: string;
}

/** The figure's samples held against its goal, and any wrong answer against every figure: a goal-less peer that answers wrongly is no measure either. */
export function holdWrongAnswers(figures: Figure[]): Figure[] {
  for (const figure of figures.filter((f) => f.wrong)) Object.assign(figure, { goal: figure.goal ?? 'every answer right', met: false });
  return figures;
}

/** The value below which the given share of the sorted samples lie (nearest rank). */
export function percentile(samples: number[], share: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
}

/**
 * 1 when the bench failed: a missed goal in the full mode; in the short mode, whose few
 * samples cannot judge a p95, only what is broken rather than slow (failed scenarios,
 * wrong answers).
 */
export function benchExitCode(figures: Figure[], short: boolean): number {
  const missed = figures.filter((f) => f.goal && !f.met);
  const broken = missed.some((f) => f.unit === 'scenarios' || f.wrong);
  return missed.length > 0 && (!short || broken) ? 1 : 0;
}

function cell(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '-';
  if (value === Number.POSITIVE_INFINITY) return 'never';
  return unit === 'ms' || unit === 'MB' ? `${Math.round(value)} ${unit}` : `${Number(value.toFixed(2))} ${unit}`;
}

export function formatTable(figures: Figure[]): string {
  const rows = [['measure', 'tool', 'n', 'p50', 'p95', 'goal', '']];
  for (const f of figures) {
    rows.push([f.measure, f.tool, `${f.samples}${f.wrong ? ` (${f.wrong} wrong)` : ''}`, cell(f.p50, f.unit), cell(f.p95, f.unit), f.goal ?? '', f.goal ? (f.met ? 'met' : 'MISSED') : '']);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) => row.map((text, column) => text.padEnd(widths[column])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.tool}, ${f.measure}: ${f.note}`);
  return [...lines, ...(notes.length ? ['', 'Notes:', ...notes] : [])].join('\n');
}

export function writeResults(reportsDir: string, mode: string, figures: Figure[]): string {
  const file = join(reportsDir, 'bench.json');
  const machine = { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), mode, machine, figures }, null, 2)}\n`);
  return file;
}
