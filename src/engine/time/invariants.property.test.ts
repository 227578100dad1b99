import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WindowOperator } from '../operators/window/WindowOperator.ts';
import type { SinkRow } from '../operators/sinks.ts';
import { TestEngine } from '../test/TestEngine.ts';

/**
 * The event-time invariants of ../shared/reference/engine-mechanisms.md §9.4, over generated jobs:
 * generator sources with disorder and bounded-out-of-orderness watermarks (one partition per
 * instance), a keyed window, an append sink.
 */

const settingsArb = fc.record({
  sources: fc.integer({ min: 1, max: 3 }),
  rate: fc.integer({ min: 100, max: 800 }),
  keys: fc.integer({ min: 1, max: 4 }),
  disorder: fc.integer({ min: 0, max: 80 }),
  bound: fc.integer({ min: 0, max: 60 }),
  interval: fc.integer({ min: 5, max: 40 }),
  windows: fc.integer({ min: 1, max: 2 }),
  lateness: fc.constantFrom(0, 0, 25),
  size: fc.integer({ min: 10, max: 80 }),
  seed: fc.integer({ min: 1, max: 1000 }),
});

type Settings = typeof settingsArb extends fc.Arbitrary<infer T> ? T : never;

function windowJob(s: Settings, window: object, extra: object = {}) {
  return {
    components: [
      {
        id: 'src',
        kind: 'generator-source',
        rate: s.rate,
        keys: s.keys,
        parallelism: s.sources,
        disorder: s.disorder,
        watermarks: { strategy: 'bounded-out-of-orderness', bound: s.bound, interval: s.interval },
      },
      {
        id: 'w',
        kind: 'window',
        parallelism: s.windows,
        cost: 0.2,
        window,
        allowedLateness: s.lateness,
        ...extra,
      },
      { id: 'out', kind: 'append-sink', cost: 0.1 },
    ],
    edges: [
      { from: 'src', to: 'w', grouping: 'fields' },
      { from: 'w', to: 'out' },
    ],
  };
}

const RUN_FOR = 400;

describe('event-time invariants (property)', () => {
  it('watermarks: sources emit max event time − bound − 1; every instance only advances; an operator emits the minimum of its inputs', () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        const t = TestEngine.of(windowJob(s, { type: 'tumbling', size: s.size }), {
          seed: s.seed,
          runFor: RUN_FOR,
          trace: true,
        }).run();
        const rt = t.engine.rt;
        const maxSeen = new Map<number, number>();
        const lastOut = new Map<number, number>();
        const channelMarks = new Map<number, number>();
        for (const e of t.events) {
          if (e.type === 'process' && e.channel === -1) {
            maxSeen.set(e.instance, Math.max(maxSeen.get(e.instance) ?? -Infinity, e.eventTime));
          }
          if (e.type === 'watermark-in') {
            // Per channel, the watermarks a task receives never go back.
            expect(e.watermark).toBeGreaterThanOrEqual(channelMarks.get(e.channel) ?? -Infinity);
            channelMarks.set(e.channel, e.watermark);
          }
          if (e.type !== 'watermark') continue;
          expect(e.watermark).toBeGreaterThan(lastOut.get(e.instance) ?? -Infinity);
          lastOut.set(e.instance, e.watermark);
          const inst = rt.instances[e.instance]!;
          if (inst.reader !== null) {
            if (e.watermark !== Infinity) expect(e.watermark).toBe(maxSeen.get(e.instance)! - s.bound - 1);
          } else {
            const min = Math.min(...inst.inputs.map((ch) => channelMarks.get(ch.index) ?? -Infinity));
            expect(e.watermark).toBe(min);
          }
        }
        // At the end every instance reached the final watermark.
        for (const inst of rt.instances) expect(lastOut.get(inst.index)).toBe(Infinity);
      }),
      { seed: 21, numRuns: 60 },
    );
  });

  it('tumbling windows: one on-time pane each, at the first watermark ≥ end − 1, counting exactly the accepted elements; lateness decides drops', () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        const t = TestEngine.of(windowJob(s, { type: 'tumbling', size: s.size }), {
          seed: s.seed,
          runFor: RUN_FOR,
          trace: true,
        }).run();
        const windowInstances = new Set(
          t.engine.rt.components.find((c) => c.id === 'w')!.instances.map((i) => i.index),
        );
        const watermarkOf = new Map<number, number>();
        const marks = new Map<number, number[]>();
        const accepted = new Map<string, number>();
        const onTimeExpected = new Set<string>();
        let dropped = 0;
        for (const e of t.events) {
          if (e.type === 'watermark' && windowInstances.has(e.instance)) {
            watermarkOf.set(e.instance, e.watermark);
            marks.set(e.instance, [...(marks.get(e.instance) ?? []), e.watermark]);
          }
          if (e.type !== 'process' || !windowInstances.has(e.instance)) continue;
          const start = Math.floor(e.eventTime / s.size) * s.size;
          const w = watermarkOf.get(e.instance) ?? -Infinity;
          // Late iff its window's end − 1 + allowed lateness ≤ the watermark at arrival.
          const k = `${e.key} ${start}`;
          if (start + s.size - 1 + s.lateness <= w) dropped++;
          else accepted.set(k, (accepted.get(k) ?? 0) + 1);
          // A window that had an element before the watermark passed its end fires on time; one
          // created by a late element (within the allowed lateness) only has late panes.
          if (start + s.size - 1 > w) onTimeExpected.add(k);
        }
        const comp = t.component('w');
        expect(comp.lateDropped).toBe(dropped);
        const rows = t.rows('out');
        const onTime = rows.filter((r) => r.pane!.timing === 'ON_TIME');
        expect(onTime.map((r) => `${r.key} ${r.pane!.start}`).sort()).toEqual([...onTimeExpected].sort());
        const last = new Map<string, SinkRow>();
        for (const r of rows) last.set(`${r.key} ${r.pane!.start}`, r);
        for (const [k, n] of accepted) expect(last.get(k)!.value).toBe(n);
        for (const r of onTime) {
          const end = r.pane!.end;
          expect(r.pane!.watermark).toBeGreaterThanOrEqual(end - 1);
          // The first watermark of its instance at or past end − 1 fired it.
          const instanceMarks = [...marks.values()].find((m) => m.includes(r.pane!.watermark))!;
          expect(instanceMarks.find((m) => m >= end - 1)).toBe(r.pane!.watermark);
        }
      }),
      { seed: 22, numRuns: 60 },
    );
  });

  it('window state is removed once the watermark passes end − 1 + allowed lateness; sessions of a key stay disjoint', () => {
    fc.assert(
      fc.property(settingsArb, fc.constantFrom('merge', 'separate'), (s, touching) => {
        for (const window of [
          { type: 'hopping', size: s.size * 2, slide: s.size },
          { type: 'session', gap: s.size, touching },
        ]) {
          const t = TestEngine.of(windowJob(s, window), { seed: s.seed, runFor: RUN_FOR });
          const instances = t.engine.rt.components.find((c) => c.id === 'w')!.instances;
          t.everyStep(() => {
            for (const inst of instances) {
              const w = inst.valve!.output;
              const open = (inst.logic as WindowOperator).openWindows();
              for (const win of open) expect(win.end - 1 + s.lateness).toBeGreaterThan(w);
              if (window.type !== 'session') continue;
              const byKey = new Map<string, typeof open>();
              for (const win of open) byKey.set(win.key, [...(byKey.get(win.key) ?? []), win]);
              for (const wins of byKey.values()) {
                const sorted = [...wins].sort((a, b) => a.start - b.start);
                for (let i = 1; i < sorted.length; i++) {
                  // Disjoint; with touching: "merge" not even touching.
                  if (touching === 'merge') expect(sorted[i]!.start).toBeGreaterThan(sorted[i - 1]!.end);
                  else expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
                }
              }
            }
          });
          expect(t.engine.done).toBe(true);
        }
      }),
      { seed: 23, numRuns: 25 },
    );
  });

  it('accumulation: discarding panes add up to the last accumulating pane; retractions net to it', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.constantFrom<object | string>({ every: 7 }, 'every-element'),
        (s, early) => {
          const panes = (accumulation: string) =>
            TestEngine.of(
              windowJob(s, { type: 'tumbling', size: s.size }, { aggregate: 'sum', early, accumulation }),
              { seed: s.seed, runFor: RUN_FOR },
            )
              .run()
              .rows('out');
          const byWindow = (rows: SinkRow[], f: (acc: number, r: SinkRow) => number) => {
            const out = new Map<string, number>();
            for (const r of rows)
              out.set(`${r.key} ${r.pane!.start}`, f(out.get(`${r.key} ${r.pane!.start}`) ?? 0, r));
            return out;
          };
          const accumulating = byWindow(panes('accumulating'), (_, r) => r.value);
          const discarding = byWindow(panes('discarding'), (acc, r) => acc + r.value);
          const retracting = byWindow(
            panes('accumulating-retracting'),
            (acc, r) => acc + (r.pane!.retraction ? -r.value : r.value),
          );
          expect(discarding).toEqual(accumulating);
          expect(retracting).toEqual(accumulating);
        },
      ),
      { seed: 24, numRuns: 40 },
    );
  });

  it('determinism and conservation hold with windows', () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        const job = windowJob(s, { type: 'session', gap: s.size });
        const a = TestEngine.of(job, { seed: s.seed, runFor: RUN_FOR }).run();
        const b = TestEngine.of(job, { seed: s.seed, runFor: RUN_FOR }).run();
        expect(b.engine.traceHash()).toBe(a.engine.traceHash());
        expect(b.rows('out')).toEqual(a.rows('out'));
        for (const ch of a.engine.snapshot().channels)
          expect(ch.sent).toBe(ch.received + ch.dropped + ch.lost);
      }),
      { seed: 25, numRuns: 30 },
    );
  });
});
