import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSinks } from '../oracle/compare.ts';
import { failuresArb, jobArb } from '../test/arbitraries.ts';
import { TestEngine } from '../test/TestEngine.ts';

const CHECKPOINT = { semantics: 'at-least-once' as const, ackMode: 'checkpoint' as const };

const pipeline = {
  components: [
    { id: 'src', kind: 'generator-source', rate: 100 },
    { id: 'map', kind: 'map', cost: 2 },
    { id: 'sink', kind: 'append-sink' },
  ],
  edges: [
    { from: 'src', to: 'map' },
    { from: 'map', to: 'sink' },
  ],
};

describe('at-least-once by checkpointed source offsets', () => {
  it('after a crash the sources restart at the checkpointed offsets; the duplicates are what was re-read and had reached the sink', () => {
    const options = {
      ...CHECKPOINT,
      runFor: 2000,
      checkpointing: { interval: 300, restart: { strategy: 'fixed-delay' as const, delay: 500 } },
    };
    const run = TestEngine.of(pipeline, {
      ...options,
      trace: true,
      failures: [{ at: 750, action: 'crash', component: 'map' }],
    }).run();
    const cp = run.engine.checkpointing!;
    expect(cp.recoveries).toEqual([
      { at: 750, reason: 'map#0 crashed', restoredCheckpoint: 2, restartedAt: 1250 },
    ]);
    const restored = cp.coordinator.history.find((c) => c.id === 2)!;
    expect(restored.completedAt).toBeDefined();
    // Checkpoint 2 was taken at 600 ms: the source had read records 0…59.
    const firstReadAfterRestart = run.events.find((e) => e.type === 'read' && e.time >= 1250);
    expect(firstReadAfterRestart).toMatchObject({ offset: 60 });
    // Re-read records that had already reached the sink before the failover are written twice.
    const rows = run.rows('sink');
    const reachedBefore = rows.filter((r) => r.id >= 60 && r.at < 750).length;
    expect(reachedBefore).toBeGreaterThan(10);
    const ref = TestEngine.of(pipeline, options).run();
    const accuracy = compareSinks(run.engine, ref.engine).total;
    expect(accuracy).toMatchObject({ missing: 0, wrong: 0, duplicated: reachedBefore });
  });

  it('operators keep their state across the restart (only the crashed instance loses it): counts go up twice', () => {
    const job = {
      components: [
        { id: 'src', kind: 'generator-source', rate: 100, keys: 1 },
        { id: 'map', kind: 'map', cost: 1 },
        { id: 'count', kind: 'count' },
        { id: 'sink', kind: 'upsert-sink' },
      ],
      edges: [
        { from: 'src', to: 'map' },
        { from: 'map', to: 'count' },
        { from: 'count', to: 'sink' },
      ],
    };
    const options = { ...CHECKPOINT, runFor: 1000, checkpointing: { interval: 300 } };
    const crashMap = TestEngine.of(job, {
      ...options,
      failures: [{ at: 500, action: 'crash', component: 'map' }],
    }).run();
    // The count kept its state and counted the replayed records again: over-count, never under-count.
    expect(crashMap.rows('sink')[0]!.value).toBeGreaterThan(100);
    const crashCount = TestEngine.of(job, {
      ...options,
      failures: [{ at: 500, action: 'crash', component: 'count' }],
    }).run();
    // The crashed count lost its state: it starts again from the records re-read after checkpoint 1.
    expect(crashCount.rows('sink')[0]!.value).toBeLessThan(100);
  });

  it('a failure before any checkpoint completed restarts from the beginning', () => {
    const run = TestEngine.of(pipeline, {
      ...CHECKPOINT,
      runFor: 500,
      trace: true,
      checkpointing: { interval: 1000 },
      failures: [{ at: 200, action: 'crash', component: 'map' }],
    }).run();
    expect(run.engine.checkpointing!.recoveries[0]!.restoredCheckpoint).toBeNull();
    expect(run.events.find((e) => e.type === 'read' && e.time >= 700)).toMatchObject({ offset: 0 });
  });

  it('processing failures and lost messages fail the job over (they are detected, then replayed)', () => {
    const run = TestEngine.of(pipeline, {
      ...CHECKPOINT,
      runFor: 2000,
      checkpointing: { interval: 300, restart: { strategy: 'fixed-delay' as const, delay: 100 } },
      failures: [
        { at: 400, action: 'fail-events', component: 'map', probability: 1, duration: 5 },
        { at: 1200, action: 'drop', from: 'map', to: 'sink', duration: 5 },
      ],
    }).run();
    const reasons = run.engine.checkpointing!.recoveries.map((r) => r.reason);
    expect(reasons).toEqual(['processing failed at map#0', 'message lost on map#0 → sink#0']);
    expect(new Set(run.rows('sink').map((r) => r.id)).size).toBe(200);
  });

  it('seed 5150: nothing is ever missing, whatever fails (jobs without dedupe)', () => {
    const noDedupe = jobArb.filter((g) => !g.job.components.some((c) => c.kind === 'dedupe'));
    fc.assert(
      fc.property(
        noDedupe.chain((g) => fc.tuple(fc.constant(g), failuresArb(g, 500), fc.nat())),
        ([g, failures, seed]) => {
          const options = {
            ...CHECKPOINT,
            seed,
            runFor: 500,
            checkpointing: { interval: 100, restart: { strategy: 'fixed-delay' as const, delay: 50 } },
          };
          const run = TestEngine.of(g.job, { ...options, failures }).run(200_000);
          const ref = TestEngine.of(g.job, options).run();
          expect(run.engine.done).toBe(true);
          expect(compareSinks(run.engine, ref.engine).total.missing).toBe(0);
        },
      ),
      { seed: 5150, numRuns: 30 },
    );
  });

  it('is deterministic, failovers included', () => {
    fc.assert(
      fc.property(
        jobArb.chain((g) => fc.tuple(fc.constant(g), failuresArb(g, 400), fc.nat())),
        ([g, failures, seed]) => {
          const options = { ...CHECKPOINT, seed, runFor: 400, failures, checkpointing: { interval: 100 } };
          const a = TestEngine.of(g.job, options).run(100_000);
          const b = TestEngine.of(g.job, options).run(100_000);
          expect(b.engine.traceHash()).toBe(a.engine.traceHash());
          expect(b.engine.checkpointing!.recoveries).toEqual(a.engine.checkpointing!.recoveries);
        },
      ),
      { seed: 8, numRuns: 15 },
    );
  });
});
