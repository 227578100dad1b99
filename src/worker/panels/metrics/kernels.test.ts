import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseBucketWidth } from './bucketWidth.ts';
import { FirstReads, SLOTS } from './FirstReads.ts';
import { BINS, binOf, LatencyHistogram } from './LatencyHistogram.ts';

/** The nearest-rank q-quantile of a list: the value of rank ⌈q × n⌉ in sorted order. */
function nearestRank(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe('bucket width', () => {
  it('is the smallest 1-2-5 step with which runFor spans at most 200 buckets', () => {
    expect(baseBucketWidth(10_000)).toBe(50);
    expect(baseBucketWidth(10_001)).toBe(100);
    expect(baseBucketWidth(3_000)).toBe(20);
    expect(baseBucketWidth(1)).toBe(1);
    expect(baseBucketWidth(100_000_000)).toBe(500_000);
  });
});

describe('latency histogram', () => {
  it('reports a latency exactly when its bin holds one distinct value', () => {
    const h = new LatencyHistogram();
    for (const ms of [12, 12, 12, 14, 14, 30]) h.add(ms);
    expect(h.quantile(0.5)).toBe(12);
    expect(h.quantile(0.99)).toBe(30);
    expect(h.max).toBe(30);
  });

  it('seed 4205: a quantile falls in the bin of the exact nearest-rank value, within 5 %', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 50_000, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.constantFrom(0.5, 0.9, 0.99, 1),
        (values, q) => {
          const h = new LatencyHistogram();
          for (const v of values) h.add(v);
          const exact = nearestRank(values, q);
          const got = h.quantile(q)!;
          expect(binOf(got)).toBe(binOf(exact));
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(0.05 * exact + 0.1);
        },
      ),
      { seed: 4205, numRuns: 200 },
    );
  });

  it('merging adds the values of both', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    [1, 2, 3].forEach((v) => a.add(v));
    [100, 200].forEach((v) => b.add(v));
    a.merge(b);
    expect(a.count).toBe(5);
    expect(a.max).toBe(200);
    expect(a.quantile(1)).toBe(200);
    expect(a.quantile(0.2)).toBe(1);
  });

  it('is empty-safe and bounded', () => {
    expect(new LatencyHistogram().quantile(0.5)).toBeNull();
    expect(binOf(0)).toBe(0);
    expect(binOf(1e12)).toBe(BINS - 1);
  });
});

describe('first reads', () => {
  it('keeps the first read of a replayed event', () => {
    const reads = new FirstReads();
    reads.note(7, 100);
    reads.note(7, 900);
    expect(reads.firstRead(7)).toBe(100);
    expect(reads.firstRead(8)).toBeUndefined();
  });

  it('forgets an event whose slot a newer one took, and never lets an old one take a newer slot', () => {
    const reads = new FirstReads();
    reads.note(5, 1);
    reads.note(5 + SLOTS, 2);
    expect(reads.firstRead(5)).toBeUndefined();
    expect(reads.firstRead(5 + SLOTS)).toBe(2);
    reads.note(5, 3);
    expect(reads.firstRead(5)).toBeUndefined();
    expect(reads.firstRead(5 + SLOTS)).toBe(2);
  });
});
