import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../model/trace.ts';
import { diffAppend } from '../oracle/diff.ts';
import type { Engine } from '../runtime/Engine.ts';
import { TestEngine } from '../test/TestEngine.ts';

/**
 * Window and join state under exactly-once: it is part of every checkpoint, a failover restores it
 * exactly, and the committed panes and join results equal the failure-free run's. The watermark
 * bound covers the disorder, so no element is ever late and the results do not depend on timing.
 */

const RUN_FOR = 1500;

function job(s: { rate: number; keys: number; disorder: number; size: number; parallelism: number }) {
  const source = (id: string, offset: number) => ({
    id,
    kind: 'generator-source',
    rate: s.rate + offset,
    keys: s.keys,
    parallelism: s.parallelism,
    disorder: s.disorder,
    watermarks: { strategy: 'bounded-out-of-orderness', bound: s.disorder, interval: 20 },
  });
  return {
    components: [
      source('clicks', 0),
      source('views', 37),
      {
        id: 'tumbling',
        kind: 'window',
        parallelism: s.parallelism,
        window: { type: 'tumbling', size: s.size },
      },
      {
        id: 'sessions',
        kind: 'window',
        parallelism: 2,
        window: { type: 'session', gap: s.size / 4 },
        aggregate: 'sum',
      },
      {
        id: 'join',
        kind: 'join',
        type: 'outer',
        left: 'clicks',
        right: 'views',
        before: 5,
        after: 5,
        grace: 0,
      },
      { id: 'panes', kind: 'transactional-sink' },
      { id: 'sessionPanes', kind: 'transactional-sink' },
      { id: 'joined', kind: 'transactional-sink' },
    ],
    edges: [
      { from: 'clicks', to: 'tumbling', grouping: 'fields' },
      { from: 'clicks', to: 'sessions', grouping: 'fields' },
      { from: 'clicks', to: 'join', grouping: 'fields' },
      { from: 'views', to: 'join', grouping: 'fields' },
      { from: 'tumbling', to: 'panes' },
      { from: 'sessions', to: 'sessionPanes' },
      { from: 'join', to: 'joined' },
    ],
  };
}

const settingsArb = fc.record({
  rate: fc.integer({ min: 100, max: 400 }),
  keys: fc.integer({ min: 1, max: 4 }),
  disorder: fc.integer({ min: 0, max: 40 }),
  size: fc.constantFrom(40, 80, 200),
  parallelism: fc.integer({ min: 1, max: 2 }),
  interval: fc.integer({ min: 30, max: 200 }),
  crashes: fc.array(
    fc.record({
      at: fc.integer({ min: 50, max: RUN_FOR }),
      target: fc.constantFrom('tumbling', 'sessions', 'join'),
    }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  seed: fc.integer({ min: 1, max: 1000 }),
});

/** On every restart, each instance's state must be what the restored checkpoint saved for it. */
function restoreChecker(violations: string[]) {
  return (e: TraceEvent, engine: Engine) => {
    if (e.type !== 'job-restart') return;
    const saved = engine.checkpointing!.coordinator.latest();
    for (const inst of engine.rt.instances) {
      if (inst.logic === null) continue;
      const expected = saved?.tasks.get(inst.index)?.state;
      const fresh = inst.logic.snapshotState();
      if (expected !== undefined && JSON.stringify(fresh) !== JSON.stringify(expected)) {
        violations.push(`${inst.name}: restored state differs from checkpoint ${saved!.id}`);
      }
    }
  };
}

describe('windows and joins under exactly-once (property)', () => {
  it('a failover restores window and join state exactly; committed panes and join results equal the failure-free run', () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        const options = {
          seed: s.seed,
          semantics: 'exactly-once' as const,
          runFor: RUN_FOR,
          checkpointing: { interval: s.interval },
        };
        const reference = TestEngine.of(job(s), options).run();
        const violations: string[] = [];
        const failures = s.crashes.map((c) => ({ at: c.at, action: 'crash', component: c.target }));
        const run = TestEngine.of(job(s), {
          ...options,
          failures,
          observe: restoreChecker(violations),
        }).run();
        expect(violations).toEqual([]);
        expect(run.engine.checkpointing!.recoveries.length).toBeGreaterThan(0);
        for (const sink of ['panes', 'sessionPanes', 'joined']) {
          const a = diffAppend(reference.rows(sink), run.rows(sink));
          expect({ sink, missing: a.missing, duplicated: a.duplicated, wrong: a.wrong }).toEqual({
            sink,
            missing: 0,
            duplicated: 0,
            wrong: 0,
          });
        }
        expect(run.component('tumbling').lateDropped).toBe(0);
      }),
      { seed: 31, numRuns: 40 },
    );
  });
});
