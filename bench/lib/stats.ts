/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** The middle sample (upper middle for an even count). */
export function median(samples: ArrayLike<number>): number {
  return percentile(samples, 50);
}

/**
 * A distribution-free confidence interval of the median (order statistics, binomial at p = 0.5): the
 * range that holds the true median with at least `confidence`, whatever the shape of the noise.
 * With fewer than 6 samples no order statistic reaches 95 %; it then spans all of them.
 */
export function medianInterval(samples: ArrayLike<number>, confidence = 0.95): [number, number] {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return [Number.NaN, Number.NaN];
  // Largest k with P(Binomial(n, 1/2) < k) <= (1 - confidence) / 2; the interval is [x(k), x(n-k+1)].
  const tail = (1 - confidence) / 2;
  let k = 0;
  let below = 0; // P(B < k+1) as k grows
  let term = 0.5 ** n; // P(B = 0)
  for (let j = 0; j < n; j++) {
    below += term;
    if (below > tail) break;
    k = j + 1;
    term = (term * (n - j)) / (j + 1);
  }
  const lo = Math.max(k, 1);
  return [sorted[lo - 1]!, sorted[n - lo]!];
}
