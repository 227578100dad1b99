/**
 * Latency histograms with geometric bins: bin 0 holds [0, FIRST_EDGE) ms, bin k holds
 * [FIRST_EDGE × GROWTH^(k−1), FIRST_EDGE × GROWTH^k), the last bin everything from LAST_EDGE up.
 * A bin counts its values and sums them, so it reports their mean: a percentile is exact when its
 * bin holds a single distinct latency (the usual case in a simulation with whole-millisecond costs
 * below ~20 ms) and within one bin's width (5 %) otherwise. Fixed size, so a bucket's histogram is
 * bounded however many records it covers, and two are merged by adding.
 */

const FIRST_EDGE = 0.1;
const GROWTH = 1.05;
const LAST_EDGE = 1e8;
const LOG_GROWTH = Math.log(GROWTH);
/** Bins in one histogram (378 with the constants above). */
export const BINS = Math.ceil(Math.log(LAST_EDGE / FIRST_EDGE) / LOG_GROWTH) + 2;

/** The bin of a latency (ms, ≥ 0). */
export function binOf(ms: number): number {
  if (ms < FIRST_EDGE) return 0;
  const k = Math.floor(Math.log(ms / FIRST_EDGE) / LOG_GROWTH) + 1;
  return k < BINS ? k : BINS - 1;
}

export class LatencyHistogram {
  readonly counts = new Uint32Array(BINS);
  readonly sums = new Float64Array(BINS);
  count = 0;
  max = -Infinity;

  add(ms: number): void {
    const k = binOf(ms);
    this.counts[k]!++;
    this.sums[k]! += ms;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  /** Adds another histogram's values to this one. */
  merge(other: LatencyHistogram): void {
    for (let k = 0; k < BINS; k++) {
      this.counts[k]! += other.counts[k]!;
      this.sums[k]! += other.sums[k]!;
    }
    this.count += other.count;
    if (other.max > this.max) this.max = other.max;
  }

  /**
   * The nearest-rank q-quantile (0 < q ≤ 1): the value of rank ⌈q × n⌉ in sorted order, reported
   * as the mean of its bin. Null when empty.
   */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let k = 0; k < BINS; k++) {
      const n = this.counts[k]!;
      if (n === 0) continue;
      seen += n;
      if (seen >= rank) return Math.min(this.sums[k]! / n, this.max);
    }
    return this.max;
  }
}
