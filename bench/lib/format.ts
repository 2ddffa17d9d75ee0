import type { Figure } from './define-benchmark.js';
import { describeGoal, goalMet, ratioOf } from './goal.js';

/** A number with a sensible number of digits for a table cell. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.01) return value.toFixed(3);
  return value.toPrecision(2);
}

/** One row per figure: value, baseline, ratio, goal and whether it is met. */
export function figureRows(figures: readonly Figure[]): string[][] {
  return figures.map((f) => {
    const ratio = ratioOf(f);
    const met = goalMet(f);
    return [
      f.label,
      `${formatNumber(f.value)} ${f.unit}`,
      f.baseline ? `${formatNumber(f.baseline.value)} ${f.unit} (${f.baseline.label})` : '-',
      ratio === undefined ? '-' : ratio.toFixed(3),
      describeGoal(f) || '-',
      met === undefined ? '' : met ? 'met' : 'NOT MET',
    ];
  });
}

/** A plain-text table with padded columns. */
export function renderTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
