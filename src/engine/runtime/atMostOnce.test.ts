import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSinks } from '../oracle/compare.ts';
import type { Engine } from './Engine.ts';
import { failuresArb, jobArb } from '../test/arbitraries.ts';
import { TestEngine } from '../test/TestEngine.ts';

/**
 * How many copies of one source event can reach each component in a failure-free world: one per
 * path from a source, times the parallelism at every broadcast edge.
 */
function pathCopies(engine: Engine): Map<string, number> {
  const comps = [...engine.plan.components].sort((a, b) => a.depth - b.depth);
  const bound = new Map<string, number>();
  for (const source of comps.filter((c) => c.role === 'source')) {
    // Copies of one event of this source reaching each component.
    const copies = new Map<string, number>([[source.id, 1]]);
    for (const c of comps) {
      if (c.role === 'source') continue;
      let n = 0;
      for (const e of c.inputs) {
        const edge = engine.plan.edges[e]!;
        const from = copies.get(engine.plan.components[edge.from]!.id) ?? 0;
        n += edge.spec.grouping === 'all' ? from * c.instances.length : from;
      }
      copies.set(c.id, n);
    }
    for (const [id, n] of copies) bound.set(id, Math.max(bound.get(id) ?? 0, n));
  }
  return bound;
}

describe('at-most-once', () => {
  it('seed 909: times delivered ≤ 1 per event per component (≤ the number of paths in jobs that fan in or broadcast)', () => {
    fc.assert(
      fc.property(
        jobArb.chain((g) => fc.tuple(fc.constant(g), failuresArb(g, 500), fc.nat())),
        ([g, failures, seed]) => {
          const run = TestEngine.of(g.job, { seed, runFor: 500, failures }).run().engine;
          const ref = TestEngine.of(g.job, { seed, runFor: 500 }).run().engine;
          const copies = pathCopies(run);
          for (const comp of run.rt.components) {
            const bound = copies.get(comp.id)!;
            if (g.tree) expect(bound).toBeLessThanOrEqual(1);
            for (let id = 0; id < comp.perEvent.extent; id++) {
              expect(comp.perEvent.timesDelivered(id)).toBeLessThanOrEqual(bound);
            }
          }
          // Nothing is ever replayed, so no sink row is a duplicate (in jobs where an event has one path).
          if (g.tree) expect(compareSinks(run, ref).total.duplicated).toBe(0);
        },
      ),
      { seed: 909, numRuns: 30 },
    );
  });

  it('a crash that hits in-flight events makes records go missing, and the losses are explained', () => {
    const job = {
      components: [
        { id: 'src', kind: 'generator-source', rate: 200, keys: 5 },
        { id: 'slow', kind: 'map', parallelism: 2, cost: 8 },
        { id: 'sink', kind: 'append-sink' },
      ],
      edges: [
        { from: 'src', to: 'slow' },
        { from: 'slow', to: 'sink' },
      ],
    } as const;
    const run = TestEngine.of(job, {
      runFor: 2000,
      failures: [{ at: 1000, action: 'crash', component: 'slow', instance: 1, restartAfter: 200 }],
    }).run();
    const ref = TestEngine.of(job, { runFor: 2000 }).run();
    const acc = compareSinks(run.engine, ref.engine).total;
    expect(acc.missing).toBeGreaterThan(0);
    expect(acc.duplicated).toBe(0);
    expect(acc.correct + acc.missing).toBe(acc.expected);
    // Every missing row is accounted for by a recorded loss at the crashed instance.
    const losses = run.engine.losses;
    expect(losses.length).toBe(acc.missing);
    expect(new Set(losses.map((l) => l.where))).toEqual(new Set(['slow#1']));
    expect(losses.every((l) => l.reason.startsWith('crashed') || l.reason === 'instance-down')).toBe(true);
    expect(run.component('slow').instances[1]!.crashes).toBe(1);
  });

  it('the crashed instance loses its keyed state and restarts empty', () => {
    const job = {
      components: [
        { id: 'src', kind: 'generator-source', rate: 100, keys: 1 },
        { id: 'count', kind: 'count' },
        { id: 'sink', kind: 'upsert-sink' },
      ],
      edges: [
        { from: 'src', to: 'count' },
        { from: 'count', to: 'sink' },
      ],
    } as const;
    const run = TestEngine.of(job, {
      runFor: 1000,
      failures: [{ at: 505, action: 'crash', component: 'count', restartAfter: 0 }],
    }).run();
    // 100 events; the count restarted from 0 at ~t=505, so the final total only covers the rest.
    const [row] = run.rows('sink');
    expect(row!.key).toBe('k0');
    expect(row!.value).toBeLessThan(60);
    expect(row!.value).toBeGreaterThan(40);
  });
});
