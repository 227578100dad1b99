import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engineFor, parseScenario } from '../../engine/index.ts';
import { checkpointFailuresArb, keyedJobArb } from '../../engine/test/arbitraries.ts';
import { view } from './checkpoints.ts';
import { CheckpointRecorder } from './checkpoints/CheckpointRecorder.ts';
import { sourceOf } from './testSource.ts';

const RUN_FOR = 800;

const settingsArb = fc.record({
  interval: fc.integer({ min: 20, max: 200 }),
  tolerableFailures: fc.integer({ min: 0, max: 2 }),
  maxConcurrent: fc.integer({ min: 1, max: 2 }),
});

describe('checkpoints panel (property)', () => {
  it('seed 2718: the view agrees with the coordinator, every instance span with its acknowledgement, every replay with a restart', () => {
    fc.assert(
      fc.property(
        keyedJobArb.chain((g) => fc.tuple(fc.constant(g), checkpointFailuresArb(g, RUN_FOR), settingsArb)),
        fc.constantFrom('exactly-once', 'at-least-once'),
        fc.integer({ min: 1, max: 1000 }),
        ([g, failures, checkpointing], semantics, seed) => {
          const scenario = parseScenario({
            seed,
            semantics,
            ackMode: 'checkpoint',
            runFor: RUN_FOR,
            checkpointing,
            job: g.job,
            failures,
          });
          const recorder = new CheckpointRecorder();
          const engine = engineFor(scenario, { observer: (e) => recorder.observe(e) });
          engine.runToCompletion();
          const source = sourceOf(scenario, engine);
          const cp = engine.checkpointing!;
          const history = cp.coordinator.history;
          const v = view(source, recorder, {}).checkpointing!;

          expect(v.totals.triggered).toBe(history.length);
          expect(v.totals.completed).toBe(history.filter((c) => c.completedAt !== undefined).length);
          expect(v.totals.failed + v.totals.subsumed + v.totals.aborted).toBe(
            history.filter((c) => c.failure !== undefined).length,
          );
          expect(v.consecutiveFailures).toBeLessThanOrEqual(v.totals.failed);
          const rewinds = engine.replays.filter((r) => r.cause === 'rewind').length;
          expect(v.recoveries.reduce((n, r) => n + r.replayed, 0)).toBe(rewinds);

          for (const line of v.checkpoints) {
            const record = history[line.id - 1]!;
            expect(line).toMatchObject({
              id: record.id,
              triggeredAt: record.triggeredAt,
              completedAt: record.completedAt ?? null,
              failure: record.failure ?? null,
              stateSize: record.stateSize,
            });
            const ended = line.outcome !== 'in-progress' && line.outcome !== 'completed';
            expect(line.abortedAt !== null).toBe(ended);
            if (ended) expect(line.abortedAt!).toBeGreaterThanOrEqual(line.triggeredAt);

            const detail = view(source, recorder, { checkpoint: line.id }).checkpointing!.detail!;
            expect(detail).toMatchObject({ id: line.id, recorded: true });
            for (const ack of record.acks) {
              const span = detail.spans.find((s) => s.instance === ack.instance)!;
              expect(span.snapshotAt).toBe(record.triggeredAt + ack.at);
              expect(span.size).toBe(ack.size);
              expect(span.declined).toBe(false);
              if (span.role === 'source') continue;
              expect(span.barriers).toBe(span.inputs);
              if (semantics === 'exactly-once') {
                expect(span.snapshotAt! - span.firstBarrierAt!).toBe(ack.alignmentMs);
              }
            }
            if (detail.spans.some((s) => s.declined)) expect(line.outcome).not.toBe('completed');
          }
        },
      ),
      { seed: 2718, numRuns: 60 },
    );
  });
});
