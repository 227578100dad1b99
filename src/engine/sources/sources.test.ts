import { describe, expect, it } from 'vitest';
import { KeyTable } from '../core/KeyTable.ts';
import { TestEngine } from '../test/TestEngine.ts';
import { GeneratedLog, type GeneratorParams } from './generatedLog.ts';

const params: GeneratorParams = {
  seed: 5,
  sourceIndex: 0,
  sourceCount: 1,
  partitions: 2,
  prefill: 0,
  rate: 100,
  stopAt: 1000,
  count: Infinity,
  keys: 10,
  distribution: 'uniform',
  skew: 1.2,
  valueMin: 1,
  valueMax: 6,
  disorder: 30,
};

const sink = (source: Record<string, unknown>) => ({
  components: [source, { id: 'sink', kind: 'append-sink', cost: 0 }],
  edges: [{ from: String(source.id), to: 'sink', latency: 0 }],
});

describe('generated logs', () => {
  it('are pure functions of (seed, offset): a re-read gives an identical record', () => {
    const a = new GeneratedLog(params, new KeyTable()).partition(1);
    const b = new GeneratedLog(params, new KeyTable()).partition(1);
    for (let o = 0; o < 50; o++) expect(a.read(o)).toEqual(b.read(o));
  });

  it('append at the rate, round-robin over partitions, until the stop time', () => {
    const log = new GeneratedLog(params, new KeyTable());
    expect([0, 1, 2, 3].map((n) => log.timeOf(n))).toEqual([0, 10, 20, 30]);
    expect(log.timeOf(99)).toBe(990);
    expect(log.timeOf(100)).toBe(Infinity);
    expect(log.partition(1).availableAt(0)).toBe(10);
    expect(log.partition(0).endOffsetAt(25)).toBe(2);
  });

  it('keep values in range and event time within the disorder bound', () => {
    const log = new GeneratedLog(params, new KeyTable());
    for (let n = 0; n < 100; n++) {
      const r = log.record(n);
      expect(r.value).toBeGreaterThanOrEqual(1);
      expect(r.value).toBeLessThanOrEqual(6);
      expect(r.appendedAt - r.eventTime).toBeGreaterThanOrEqual(0);
      expect(r.appendedAt - r.eventTime).toBeLessThanOrEqual(30);
    }
  });

  it('skewed keys favour the first keys', () => {
    const log = new GeneratedLog(
      { ...params, distribution: 'skewed', rate: 10000, stopAt: 1000 },
      new KeyTable(),
    );
    const counts = new Map<string, number>();
    for (let n = 0; n < 10000; n++) counts.set(log.record(n).key, (counts.get(log.record(n).key) ?? 0) + 1);
    expect(counts.get('k0')!).toBeGreaterThan(3 * counts.get('k9')!);
  });
});

describe('sources in a job', () => {
  it('generator-source: each instance reads the partitions it owns', () => {
    const t = TestEngine.of(
      sink({ id: 'gen', kind: 'generator-source', rate: 100, parallelism: 2, partitions: 4 }),
      { runFor: 1000 },
    ).run();
    const gen = t.component('gen');
    expect(gen.instances.map((i) => i.source!.partitions)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(gen.instances.map((i) => i.processed)).toEqual([50, 50]);
    expect(t.rows('sink').length).toBe(100);
    expect(new Set(t.rows('sink').map((r) => r.id)).size).toBe(100);
  });

  it('log-source: the prefilled records are all there at time 0, appends follow at the rate', () => {
    const t = TestEngine.of(sink({ id: 'log', kind: 'log-source', prefill: 30, rate: 10, cost: 1 }), {
      runFor: 1000,
      trace: true,
    }).run();
    const reads = t.events.filter((e) => e.type === 'read');
    expect(reads.length).toBe(40);
    // Read at the source's own pace (1 ms each) while there is a backlog.
    expect(reads.slice(0, 30).map((e) => e.time)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('records-source: explicit records arrive at their times, in order, with their event times', () => {
    const t = TestEngine.of(
      sink({
        id: 'rec',
        kind: 'records-source',
        records: [
          { key: 'b', value: 2, at: 50, eventTime: 7 },
          { key: 'a', value: 1, at: 10 },
          { key: 'c', value: 3, at: 50 },
        ],
      }),
    ).run();
    expect(t.rows('sink').map((r) => [r.key, r.at])).toEqual([
      ['a', 10],
      ['b', 50],
      ['c', 50],
    ]);
  });
});
