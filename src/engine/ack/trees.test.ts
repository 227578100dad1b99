import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pipeline, TestEngine } from '../test/TestEngine.ts';

/** What the acknowledger panel reads beside the acker itself: the recorded trees, expiries, latencies. */

const ALO = { semantics: 'at-least-once' as const, ackMode: 'acking' as const };

describe('recorded trees (what the acknowledger panel draws)', () => {
  it('a batch tuple names every root it is anchored to, and what it leads to hangs under it in each tree', () => {
    const t = TestEngine.of(
      {
        components: [
          { id: 'src', kind: 'generator-source', rate: 100 },
          { id: 'batch', kind: 'batch', size: 3 },
          { id: 'double', kind: 'map', fn: { op: 'scale', factor: 2 } },
          { id: 'sink', kind: 'append-sink' },
        ],
        edges: [
          { from: 'src', to: 'batch' },
          { from: 'batch', to: 'double' },
          { from: 'double', to: 'sink' },
        ],
      },
      { ...ALO, runFor: 30, keepTrees: 100 },
    ).run();
    const trees = t.engine.acking!.trees!.list();
    expect(trees.map((tree) => tree.status)).toEqual(['acked', 'acked', 'acked']);
    const roots = trees.map((tree) => tree.root);
    const double = t.engine.rt.components[2]!.instances[0]!.index;
    const sink = t.engine.rt.components[3]!.instances[0]!.index;
    for (const tree of trees) {
      const ids = new Set(tree.edges.map((e) => e.id));
      // Every parent is an edge of the same tree: the tree is connected.
      for (const e of tree.edges) if (e.parent !== null) expect(ids.has(e.parent)).toBe(true);
      const toDouble = tree.edges.find((e) => e.to === double)!;
      const toSink = tree.edges.find((e) => e.to === sink)!;
      expect(toDouble.roots).toEqual(roots);
      expect(toSink.roots).toEqual(roots);
      expect(toSink.parent).toBe(toDouble.id);
      // The source's first tuple is in one tree only.
      expect(tree.edges[0]!.roots).toBeUndefined();
    }
    // Each anchor gets its own edge id to the map; the map's one output has one id in every tree.
    expect(new Set(trees.map((tree) => tree.edges.find((e) => e.to === double)!.id)).size).toBe(3);
    expect(new Set(trees.map((tree) => tree.edges.find((e) => e.to === sink)!.id)).size).toBe(1);
  });

  it('a crashed source loses its pending roots: their trees are marked lost, not left pending', () => {
    const t = TestEngine.of(pipeline({ rate: 100, cost: 20 }), {
      ...ALO,
      runFor: 200,
      keepTrees: 1000,
      failures: [{ at: 100, action: 'crash', component: 'src', restartAfter: 50 }],
    }).run();
    const trees = t.engine.acking!.trees!.list();
    const lost = trees.filter((tree) => tree.status === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    for (const tree of lost) {
      expect(tree.completedAt).toBe(100);
      expect(tree.emittedAt).toBeLessThanOrEqual(100);
      // The log re-delivers the event as a first emission after the restart.
      const again = trees.find((x) => x.root > tree.root && x.id === tree.id)!;
      expect(again).toMatchObject({ attempt: 1, status: 'acked' });
    }
    expect(trees.filter((tree) => tree.status === 'pending')).toEqual([]);
  });

  it('expiresAt says when a pending entry will time out', () => {
    // The op stalls for good: nothing completes, every root times out.
    const job = pipeline({ rate: 20, cost: 1 });
    const options = {
      ...ALO,
      runFor: 500,
      keepTrees: 1000,
      acking: { timeout: 300 },
      failures: [{ at: 0, action: 'slow', component: 'op', factor: 10000, duration: 900 }],
    };
    const t = TestEngine.of(job, options).runUntil(420);
    const engine = t.engine;
    const acking = engine.acking!;
    const predicted = new Map(
      acking.pending[0]!.list().map((e) => [e.root, acking.expiresAt(e.gen, engine.ackTick!.time)]),
    );
    expect(predicted.size).toBeGreaterThan(3);
    engine.runToCompletion(1_000_000);
    const trees = acking.trees!.list();
    for (const [root, at] of predicted) {
      const tree = trees.find((x) => x.root === root)!;
      expect(tree.status).toBe('timed-out');
      expect(tree.completedAt).toBe(at);
      // Storm's window: between one and two timeouts after the emission.
      expect(at - tree.emittedAt).toBeGreaterThanOrEqual(300);
      expect(at - tree.emittedAt).toBeLessThanOrEqual(600);
    }
  });

  it('seed 7: complete latencies read at any moments add up to those read once at the end', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1200 }), { maxLength: 12 }), (stops) => {
        const options = { ...ALO, runFor: 1000, acking: { timeout: 200 } };
        const failures = [{ at: 300, action: 'crash', component: 'op', instance: 1, restartAfter: 100 }];
        const job = pipeline({ rate: 300, cost: 5, parallelism: 2 });
        const once = TestEngine.of(job, { ...options, failures }).run();
        const often = TestEngine.of(job, { ...options, failures });
        for (const stop of [...stops].sort((a, b) => a - b)) {
          often.runUntil(stop);
          often.engine.acking!.snapshotStats();
        }
        often.run();
        expect(often.engine.acking!.snapshotStats()).toEqual(once.engine.acking!.snapshotStats());
      }),
      { seed: 7, numRuns: 15 },
    );
  });
});
