import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../model/trace.ts';
import type { SinkRow } from '../operators/sinks.ts';
import { diffAppend, diffUpsert } from '../oracle/diff.ts';
import { checkpointFailuresArb, keyedJobArb } from '../test/arbitraries.ts';
import { CheckpointInvariants } from '../test/checkpointInvariants.ts';
import { TestEngine } from '../test/TestEngine.ts';

const RUN_FOR = 800;

const settingsArb = fc.record({
  interval: fc.integer({ min: 20, max: 200 }),
  tolerableFailures: fc.integer({ min: 0, max: 2 }),
  maxConcurrent: fc.integer({ min: 1, max: 2 }),
});

const exact = (a: {
  expected: number;
  correct: number;
  missing: number;
  duplicated: number;
  wrong: number;
}) => a.correct === a.expected && a.missing === 0 && a.duplicated === 0 && a.wrong === 0;

/**
 * The rows of a plain append sink that a rollback undid: written by a sink instance after it took
 * its part of the restored checkpoint and before the failover. The i-th successful process event at
 * the sink wrote the i-th row.
 */
function rolledBack(
  events: readonly TraceEvent[],
  sinkInstances: ReadonlySet<number>,
  rows: readonly SinkRow[],
) {
  const snapshotAt = new Map<string, number>();
  const windows: { instance: number; from: number; to: number }[] = [];
  const writes: { instance: number; index: number }[] = [];
  events.forEach((e, index) => {
    if (e.type === 'snapshot' && !e.declined) snapshotAt.set(`${e.instance}@${e.id}`, index);
    if (e.type === 'process' && e.ok && sinkInstances.has(e.instance))
      writes.push({ instance: e.instance, index });
    if (e.type === 'failover') {
      for (const instance of sinkInstances) {
        const from =
          e.restoredCheckpoint === null ? -1 : snapshotAt.get(`${instance}@${e.restoredCheckpoint}`)!;
        windows.push({ instance, from, to: index });
      }
    }
  });
  expect(writes.length).toBe(rows.length);
  const undone = (w: { instance: number; index: number }) =>
    windows.some((x) => x.instance === w.instance && x.from < w.index && w.index < x.to);
  return { kept: rows.filter((_, i) => !undone(writes[i]!)), undone: writes.filter(undone).length };
}

describe('exactly-once end to end (property)', () => {
  it('2PC sink output == the failure-free output; upsert table == failure-free table; append ⊇ it, surplus only from rolled-back spans; invariants hold', () => {
    fc.assert(
      fc.property(
        keyedJobArb.chain((g) => fc.tuple(fc.constant(g), checkpointFailuresArb(g, RUN_FOR), settingsArb)),
        fc.integer({ min: 1, max: 1000 }),
        ([g, failures, checkpointing], seed) => {
          const options = { seed, semantics: 'exactly-once' as const, runFor: RUN_FOR, checkpointing };
          const reference = TestEngine.of(g.job, options).run();
          const invariants = new CheckpointInvariants(true);
          const run = TestEngine.of(g.job, {
            ...options,
            failures,
            trace: true,
            observe: invariants.observe,
          }).run();
          expect(run.engine.done).toBe(true);
          expect(invariants.violations).toEqual([]);
          for (const sink of [
            'tx',
            ...(g.job.components.some((c) => c.id === 'side-sink') ? ['side-sink'] : []),
          ]) {
            expect(exact(diffAppend(reference.rows(sink), run.rows(sink)))).toBe(true);
          }
          // The failure-free run commits everything it writes.
          expect(exact(diffAppend(reference.rows('plain'), reference.rows('tx')))).toBe(true);
          if (g.orderedPerKey)
            expect(exact(diffUpsert(reference.rows('table'), run.rows('table')))).toBe(true);
          const plain = run.engine.rt.components.find((c) => c.id === 'plain')!;
          const { kept, undone } = rolledBack(
            run.events,
            new Set(plain.instances.map((i) => i.index)),
            run.rows('plain'),
          );
          expect(exact(diffAppend(reference.rows('plain'), kept))).toBe(true);
          expect(run.rows('plain').length).toBe(reference.rows('plain').length + undone);
          // Replays inside are real: with a failover, the job processed more than the failure-free run.
          if (run.engine.checkpointing!.recoveries.length > 0) {
            expect(
              run.engine.snapshot().components.reduce((n, c) => n + c.processed, 0),
            ).toBeGreaterThanOrEqual(
              reference.engine.snapshot().components.reduce((n, c) => n + c.processed, 0),
            );
          }
        },
      ),
      { seed: 4242, numRuns: 150 },
    );
  });

  it('is deterministic: the same job, seed and failures give the same trace', () => {
    fc.assert(
      fc.property(
        keyedJobArb.chain((g) => fc.tuple(fc.constant(g), checkpointFailuresArb(g, RUN_FOR), settingsArb)),
        ([g, failures, checkpointing]) => {
          const options = {
            seed: 7,
            semantics: 'exactly-once' as const,
            runFor: RUN_FOR,
            checkpointing,
            failures,
          };
          const a = TestEngine.of(g.job, options).run();
          const b = TestEngine.of(g.job, options).run();
          expect(b.engine.traceHash()).toBe(a.engine.traceHash());
          expect(b.rows('tx')).toEqual(a.rows('tx'));
        },
      ),
      { seed: 99, numRuns: 25 },
    );
  });
});
