/**
 * Running mean, variance and range in constant memory (Welford's algorithm), so a
 * summary can fold 100,000 answers page by page without keeping them, and a 95%
 * confidence interval for the mean from Student's t distribution (small samples get
 * the wider interval they need; from 2 answers on), kept within the values an answer can take.
 *
 * @example
 *   const s = new RunningStats();
 *   for (const x of [2, 4, 4, 5]) s.add(x);
 *   s.result() // { mean: 3.75, ci95: [1.83…, 5.66…], min: 2, max: 5 }
 */
import type { Interval, NumericStats } from "./types.ts";

/** Two-sided 97.5% quantiles of Student's t for 1 to 30 degrees of freedom (standard tables). */
const T975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281,
  2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086,
  2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];
const Z975 = 1.959963984540054;

/**
 * t(0.975, df). Up to 30 from the table; above, the Cornish-Fisher expansion around the
 * normal quantile, which agrees with the exact value to better than 1e-4 there.
 */
export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= T975.length) return T975[Math.floor(df) - 1]!;
  const z = Z975;
  const z3 = z ** 3, z5 = z ** 5, z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

export class RunningStats {
  /**
   * The values an answer can take (a rating's 1 to scale, a number question's min and max).
   * The mean cannot lie outside them, so neither does its interval: with few answers the
   * t interval alone would reach past the scale, which reads as nonsense on a report.
   */
  readonly #bounds: { min?: number | undefined; max?: number | undefined };
  #n = 0;
  #mean = 0;
  /** Sum of squared distances from the mean so far. */
  #m2 = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  constructor(bounds: { min?: number | undefined; max?: number | undefined } = {}) {
    this.#bounds = bounds;
  }

  add(x: number): void {
    this.#n++;
    const delta = x - this.#mean;
    this.#mean += delta / this.#n;
    this.#m2 += delta * (x - this.#mean);
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
  }

  /** mean ± t(0.975, n−1) · s / √n, with s the sample standard deviation. */
  #interval(): Interval | null {
    if (this.#n < 2) return null;
    const halfWidth = (tQuantile975(this.#n - 1) * Math.sqrt(this.#m2 / (this.#n - 1))) / Math.sqrt(this.#n);
    const { min = -Infinity, max = Infinity } = this.#bounds;
    return [Math.max(min, this.#mean - halfWidth), Math.min(max, this.#mean + halfWidth)];
  }

  result(): NumericStats {
    if (this.#n === 0) return { mean: null, ci95: null, min: null, max: null };
    return { mean: this.#mean, ci95: this.#interval(), min: this.#min, max: this.#max };
  }
}
