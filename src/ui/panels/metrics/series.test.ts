import { describe, expect, it } from 'vitest';
import type { MetricsView } from '../../../protocol/panels/metrics.ts';
import { headroom, markerLines, niceTicks } from './MetricChart.tsx';
import { backlogRows, backpressureRows, latencyRows, throughputRows, xDomain } from './series.ts';

function view(over: Partial<MetricsView>): MetricsView {
  return {
    bucketMs: 50,
    time: 110,
    openMs: 10,
    runFor: 1000,
    recordsIn: [5, 10, 1],
    recordsOut: [4, 10, 1],
    latencyP50: [12, null, 3],
    latencyP99: [14, null, 3],
    backlog: [{ key: 'edge:0', label: 'a → b', values: [1, 2, 3] }],
    backpressure: [{ key: 'bp:a', label: 'a', values: [0, 0.5, 1] }],
    checkpoints: [],
    checkpointsTotal: 0,
    checkpointing: null,
    accuracy: [],
    markers: [],
    totals: { recordsIn: 16, recordsOut: 15, latency: { p50: 12, p99: 14, max: 14, count: 15, unknown: 0 } },
    ...over,
  };
}

describe('metrics chart rows', () => {
  it('rates are per second of virtual time, at the middle of their bucket', () => {
    expect(throughputRows(view({ openMs: 25 }))).toEqual([
      { t: 25, in: 100, out: 80 },
      { t: 75, in: 200, out: 200 },
      { t: 112.5, in: 40, out: 40 },
    ]);
  });

  it('the open bucket has no rate until it covers a quarter of a bucket (a few records would read as a spike)', () => {
    expect(throughputRows(view({ openMs: 10 })).map((r) => r.t)).toEqual([25, 75]);
    expect(backpressureRows(view({ openMs: 10 }))).toHaveLength(2);
  });

  it('latency keeps its gaps; backlog samples sit at their bucket ends; back-pressure in percent', () => {
    expect(latencyRows(view({})).map((r) => r.p50)).toEqual([12, null, 3]);
    expect(backlogRows(view({})).map((r) => [r.t, r['edge:0']])).toEqual([
      [50, 1],
      [100, 2],
      [110, 3],
    ]);
    expect(backpressureRows(view({ openMs: 20 })).map((r) => r['bp:a'])).toEqual([0, 50, 100]);
  });

  it('the x axis spans the whole run, at least runFor', () => {
    expect(xDomain(view({}))).toEqual([0, 1000]);
    expect(xDomain(view({ time: 1500 }))).toEqual([0, 1500]);
  });
});

describe('metrics chart axes and markers', () => {
  it('ticks fall on a 1-2-5 step from 0, never on the ragged end', () => {
    expect(niceTicks(10_009)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(niceTicks(1e8)).toEqual([0, 2e7, 4e7, 6e7, 8e7, 1e8]);
  });

  it('the y axis ends on a round number above the highest value', () => {
    expect(headroom(100)).toBe(120);
    expect(headroom(600)).toBe(800);
    expect(headroom(14)).toBe(15);
    expect(headroom(0)).toBe(1);
  });

  it('markers at the same time share a line, the failure drawn first', () => {
    const lines = markerLines([
      { time: 5600, kind: 'failover', text: 'failover' },
      { time: 5600, kind: 'failure', text: 'crash' },
      { time: 6000, kind: 'checkpoint', text: 'checkpoint 6 completed' },
    ]);
    expect(lines.map((l) => [l.time, l.marks, l.thin])).toEqual([
      [5600, '✕ ↺', false],
      [6000, '▮', true],
    ]);
  });
});
