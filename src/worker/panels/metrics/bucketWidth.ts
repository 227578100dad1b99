/** How many buckets the scenario's runFor spans at most: the rest, up to MAX_BUCKETS, is room for the drain after it. */
export const BUCKETS_PER_RUN = 200;

/**
 * The first bucket width of a run (virtual ms): the smallest 1-2-5 step (1, 2, 5, 10, 20 … ms)
 * with which runFor spans at most BUCKETS_PER_RUN buckets. Round widths give round bucket
 * boundaries on the chart's axis, and every run of one scenario starts with the same width.
 */
export function baseBucketWidth(runFor: number): number {
  const target = Math.max(1, runFor / BUCKETS_PER_RUN);
  let decade = 10 ** Math.floor(Math.log10(target));
  for (;;) {
    for (const step of [1, 2, 5]) if (step * decade >= target) return step * decade;
    decade *= 10;
  }
}
