import { describe, expect, it } from 'vitest';
import { compareSinks } from '../oracle/compare.ts';
import { TestEngine } from '../test/TestEngine.ts';

/** Event time inside a running engine: idleness, side outputs, and windows under acking. */

const windowJob = (watermarks: Record<string, unknown>, parallelism = 2, partitions = 1) => ({
  components: [
    {
      id: 'clicks',
      kind: 'generator-source',
      rate: 100,
      keys: 3,
      parallelism,
      partitions,
      disorder: 20,
      watermarks: { strategy: 'bounded-out-of-orderness', bound: 20, ...watermarks },
    },
    { id: 'w', kind: 'window', window: { type: 'tumbling', size: 1000 } },
    { id: 'out', kind: 'append-sink' },
  ],
  edges: [
    { from: 'clicks', to: 'w', grouping: 'fields' },
    { from: 'w', to: 'out' },
  ],
});

describe('idleness', () => {
  it('a source instance without a partition holds event time back; marked idle after idleTimeout, it no longer does', () => {
    const stuck = TestEngine.of(windowJob({}), { runFor: 5000 }).run();
    expect(stuck.rows('out')).toEqual([]);
    const clicks = stuck.component('clicks');
    expect(clicks.instances.map((i) => i.watermark)).toEqual([Infinity, null]);
    expect(stuck.component('w').watermark).toBeNull();

    const fixed = TestEngine.of(windowJob({ idleTimeout: 500 }), { runFor: 5000, trace: true }).run();
    expect(fixed.rows('out').length).toBeGreaterThan(0);
    expect(fixed.component('clicks').instances[1]).toMatchObject({ idle: true });
    expect(fixed.component('w').watermark).toBe(Infinity);
    // The idle input was announced on its channel, and the window's watermark followed the other one.
    expect(fixed.events.some((e) => e.type === 'watermark-status' && e.idle)).toBe(true);
  });
});

describe('windows under acking', () => {
  it('a window holds its inputs until it is purged: without failures every tree completes and nothing is replayed', () => {
    const job = windowJob({}, 1, 1);
    const acked = TestEngine.of(job, { semantics: 'at-least-once', runFor: 3000 }).run();
    const plain = TestEngine.of(job, { runFor: 3000 }).run();
    const stats = acked.engine.acking!.snapshotStats();
    expect(stats.replayed).toBe(0);
    expect(stats.acked).toBe(acked.component('clicks').emitted);
    expect(compareSinks(acked.engine, plain.engine).total).toMatchObject({
      missing: 0,
      duplicated: 0,
      wrong: 0,
    });
  });
});

describe('panes in sinks, tombstones, counters', () => {
  const sessions = (accumulation: string, sink: string) => ({
    components: [
      {
        id: 'in',
        kind: 'records-source',
        watermarks: { strategy: 'punctuated' },
        records: [
          { key: 'bob', value: 1, eventTime: 0, at: 0 },
          { key: 'bob', value: null, eventTime: 1, at: 1 },
          { key: 'bob', value: 2, eventTime: 30, at: 2 },
          { watermark: 25, at: 3 },
          { key: 'bob', value: 4, eventTime: 15, at: 4 },
        ],
      },
      {
        id: 'w',
        kind: 'window',
        window: { type: 'session', gap: 20 },
        aggregate: 'sum',
        accumulation,
        allowedLateness: 100,
      },
      { id: 'out', kind: sink },
    ],
    edges: [
      { from: 'in', to: 'w' },
      { from: 'w', to: 'out' },
    ],
  });

  it('a tombstone is skipped by a window; a window keeps its inputs (no early out)', () => {
    const t = TestEngine.of(sessions('accumulating', 'append-sink'), { runFor: 1 }).run();
    // [0,20) fires at watermark 25 with 1 (the null is skipped); 15, late but allowed, bridges it with
    // [30,50): the merged session is open again and fires at the end with 1 + 2 + 4.
    expect(
      t.rows('out').map((r) => `${r.value} [${r.pane!.start},${r.pane!.end}) ${r.pane!.timing}`),
    ).toEqual(['1 [0,20) ON_TIME', '7 [0,50) ON_TIME']);
    expect(t.component('w').earlyOut).toBe(0);
  });

  it('an upsert sink keeps one row per window; a retraction removes the row of a session that merged away', () => {
    const t = TestEngine.of(sessions('accumulating-retracting', 'upsert-sink'), { runFor: 1 }).run();
    expect(t.rows('out').map((r) => `${r.key} = ${r.value}`)).toEqual(['bob [0, 50) = 7']);
  });
});
