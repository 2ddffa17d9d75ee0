import type { Figure } from './define-benchmark.js';

/** The value a goal is checked against: the ratio when the goal is on the ratio. */
export function ratioOf(figure: Figure): number | undefined {
  return figure.baseline && figure.baseline.value !== 0 ? figure.value / figure.baseline.value : undefined;
}

/** Whether a figure meets its goal; undefined when it has none (or the ratio is not computable). */
export function goalMet(figure: Figure): boolean | undefined {
  const { goal } = figure;
  if (!goal) return undefined;
  const measured = goal.on === 'ratio' ? ratioOf(figure) : figure.value;
  if (measured === undefined || !Number.isFinite(measured)) return false;
  if (goal.min !== undefined && measured < goal.min) return false;
  if (goal.max !== undefined && measured >= goal.max) return false;
  return true;
}

/** The goal as people read it: `ratio ≥ 0.85`, `< 5 ms`. */
export function describeGoal(figure: Figure): string {
  const { goal } = figure;
  if (!goal) return '';
  const subject = goal.on === 'ratio' ? 'ratio ' : '';
  const unit = goal.on === 'value' ? ` ${figure.unit}` : '';
  const parts = [];
  if (goal.min !== undefined) parts.push(`${subject}≥ ${goal.min}${unit}`);
  if (goal.max !== undefined) parts.push(`${subject}< ${goal.max}${unit}`);
  return parts.join(', ');
}
