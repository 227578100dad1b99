import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TestEngine } from '../test/TestEngine.ts';

const fanJob = (grouping: string, parallelism: number, field = 'key') => ({
  components: [
    { id: 'src', kind: 'generator-source', rate: 500, keys: 37, parallelism: 2 },
    { id: 'op', kind: 'map', parallelism, cost: 0.1 },
    { id: 'sink', kind: 'append-sink', cost: 0.01 },
  ],
  edges: [
    { from: 'src', to: 'op', grouping, field },
    { from: 'op', to: 'sink' },
  ],
});

function keysByInstance(t: TestEngine) {
  const byKey = new Map<string, Set<number>>();
  for (const e of t.events) {
    if (e.type !== 'process') continue;
    const inst = t.engine.rt.instances[e.instance]!;
    if (inst.component.id !== 'op') continue;
    const key = t.engine.rt.components[1]!.id && lookupKey(t, e.id);
    const set = byKey.get(key) ?? new Set<number>();
    set.add(inst.sub);
    byKey.set(key, set);
  }
  return byKey;
}

function lookupKey(t: TestEngine, id: number): string {
  return t.rows('sink').find((r) => r.id === id)!.key;
}

describe('grouping', () => {
  it('seed 31: fields grouping sends every event of a key to one instance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.nat(), (parallelism, seed) => {
        const t = TestEngine.of(fanJob('fields', parallelism), { seed, runFor: 400, trace: true }).run();
        const byKey = keysByInstance(t);
        expect(byKey.size).toBeGreaterThan(10);
        for (const [key, subs] of byKey) expect([key, subs.size]).toEqual([key, 1]);
      }),
      { seed: 31, numRuns: 10 },
    );
  });

  it('shuffle grouping spreads keys over instances and balances each sender within one event', () => {
    const t = TestEngine.of(fanJob('shuffle', 3), { runFor: 400, trace: true }).run();
    // Per sender instance, the counts it sent to each receiver differ by at most one.
    for (const sender of t.engine.rt.components[0]!.instances) {
      const sent = sender.outputs[0]!.channels.map((c) => c.sent);
      expect(Math.max(...sent) - Math.min(...sent)).toBeLessThanOrEqual(1);
    }
    const spread = [...keysByInstance(t).values()].filter((s) => s.size > 1).length;
    expect(spread).toBeGreaterThan(0);
  });

  it('all grouping broadcasts to every instance; global sends everything to instance 0', () => {
    const all = TestEngine.of(fanJob('all', 3), { runFor: 200 }).run();
    const src = all.component('src');
    expect(all.component('op').instances.map((i) => i.processed)).toEqual([
      src.emitted / 3,
      src.emitted / 3,
      src.emitted / 3,
    ]);
    const global = TestEngine.of(fanJob('global', 3), { runFor: 200 }).run();
    expect(global.component('op').instances.map((i) => i.processed)).toEqual([
      global.component('src').emitted,
      0,
      0,
    ]);
    expect(global.engine.rt.channels.filter((c) => c.edge === 0).length).toBe(2);
  });
});
