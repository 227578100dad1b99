import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignWindows, sessionsMerge, windowStart } from '../operators/window/assigners.ts';
import { KeyTable } from '../core/KeyTable.ts';
import { StreamRecord } from '../model/elements.ts';
import { ComponentSpec } from '../model/schema.ts';
import { WindowOperator } from '../operators/window/WindowOperator.ts';
import { SourceWatermarks } from './SourceWatermarks.ts';
import { WatermarkValve } from './WatermarkValve.ts';

describe('WatermarkValve (Flink StatusWatermarkValve)', () => {
  it('emits the minimum over its inputs, only when it advances; an older watermark on an input is ignored', () => {
    const v = new WatermarkValve(2);
    expect(v.inputWatermark(0, 10).watermark).toBeNull();
    expect(v.inputWatermark(1, 5).watermark).toBe(5);
    expect(v.inputWatermark(1, 4).watermark).toBeNull();
    expect(v.inputWatermark(1, 12).watermark).toBe(10);
    expect(v.inputWatermark(0, 11).watermark).toBe(11);
  });

  it('an idle input no longer holds time back; all idle: flush the largest and go idle; back: no pulling back', () => {
    const v = new WatermarkValve(3);
    v.inputWatermark(0, 10);
    v.inputWatermark(1, 20);
    expect(v.inputWatermark(2, 3).watermark).toBe(3);
    expect(v.inputStatus(2, true)).toEqual({ watermark: 10, idle: null });
    expect(v.inputStatus(0, true)).toEqual({ watermark: 20, idle: null });
    // Every input idle: the largest watermark is flushed (here already out) and the task goes idle.
    expect(v.inputStatus(1, true)).toEqual({ watermark: null, idle: true });
    expect(v.inputWatermark(1, 30)).toEqual({ watermark: null, idle: null });
    // Input 2 comes back behind the output (3 < 20): active, but not counted until it catches up.
    expect(v.inputStatus(2, false)).toEqual({ watermark: null, idle: false });
    expect(v.inputWatermark(2, 15).watermark).toBeNull();
    expect(v.output).toBe(20);
    expect(v.inputWatermark(2, 25).watermark).toBe(25);
  });

  it('all idle flushes the largest watermark any input reached', () => {
    const v = new WatermarkValve(2);
    v.inputWatermark(0, 5);
    v.inputWatermark(1, 9);
    expect(v.output).toBe(5);
    expect(v.inputStatus(1, true)).toEqual({ watermark: null, idle: null });
    expect(v.inputStatus(0, true)).toEqual({ watermark: 9, idle: true });
  });

  it('the output never decreases, whatever arrives (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ ch: fc.integer({ min: 0, max: 2 }), w: fc.integer({ min: -5, max: 50 }) }),
            fc.record({ ch: fc.integer({ min: 0, max: 2 }), idle: fc.boolean() }),
          ),
          { maxLength: 40 },
        ),
        (events) => {
          const v = new WatermarkValve(3);
          let last = -Infinity;
          for (const e of events) {
            const out = 'w' in e ? v.inputWatermark(e.ch, e.w) : v.inputStatus(e.ch, e.idle);
            if (out.watermark !== null) {
              expect(out.watermark).toBeGreaterThan(last);
              last = out.watermark;
            }
            expect(v.output).toBe(last);
          }
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe('SourceWatermarks', () => {
  const never = () => false;

  it('bounded out-of-orderness: at each periodic emit, max event time seen − bound − 1', () => {
    const s = new SourceWatermarks({ strategy: 'bounded-out-of-orderness', bound: 5, interval: 10 }, 1);
    expect(s.onPeriodic(0, never).watermark).toBeNull();
    s.onRecord(0, 100, 1);
    s.onRecord(0, 90, 2);
    expect(s.onPeriodic(10, never).watermark).toBe(94);
    s.onRecord(0, 95, 11);
    expect(s.onPeriodic(20, never).watermark).toBeNull();
  });

  it('per partition, combined by minimum; an idle partition is left out; an exhausted one too', () => {
    const s = new SourceWatermarks(
      { strategy: 'bounded-out-of-orderness', bound: 0, interval: 10, idleTimeout: 50 },
      2,
    );
    s.onRecord(0, 100, 0);
    s.onRecord(1, 40, 0);
    expect(s.onPeriodic(10, never).watermark).toBe(39);
    s.onRecord(0, 200, 60);
    // Partition 1 had no record for more than 50 ms: idle, so partition 0 alone decides.
    expect(s.onPeriodic(70, never)).toEqual({ watermark: 199, idle: null });
    expect(s.partitionIdle(1)).toBe(true);
    // Exhausted partitions do not count either; all of them exhausted: the final watermark.
    expect(s.onEnd()).toBe(Infinity);
    expect(s.onEnd()).toBeNull();
  });

  it('every partition idle: the instance goes idle; a record makes it active again', () => {
    const s = new SourceWatermarks(
      { strategy: 'bounded-out-of-orderness', bound: 0, interval: 10, idleTimeout: 20 },
      1,
    );
    s.onRecord(0, 5, 0);
    expect(s.onPeriodic(10, never)).toEqual({ watermark: 4, idle: null });
    expect(s.onPeriodic(30, never)).toEqual({ watermark: null, idle: true });
    expect(s.onRecord(0, 50, 31)).toEqual({ watermark: null, idle: false });
  });

  it('an instance without a partition goes idle only once the idle timeout has passed', () => {
    const s = new SourceWatermarks(
      { strategy: 'bounded-out-of-orderness', bound: 0, interval: 100, idleTimeout: 500 },
      0,
    );
    expect(s.onPeriodic(400, never).idle).toBeNull();
    expect(s.onPeriodic(600, never).idle).toBe(true);
  });

  it('punctuated: an explicit watermark is emitted at once (the minimum over partitions)', () => {
    const s = new SourceWatermarks({ strategy: 'punctuated', interval: 200 }, 2);
    expect(s.onMarker(0, 10, 0, never).watermark).toBeNull();
    expect(s.onMarker(1, 7, 1, never).watermark).toBe(7);
    expect(s.onMarker(1, 30, 2, never).watermark).toBe(10);
  });
});

describe('window assigners', () => {
  it('tumbling start with offset, also for negative timestamps (Flink getWindowStartWithOffset)', () => {
    expect(windowStart(7, 0, 5)).toBe(5);
    expect(windowStart(-1, 0, 5)).toBe(-5);
    expect(windowStart(7, 2, 5)).toBe(7);
    expect(windowStart(6, 2, 5)).toBe(2);
  });

  it('each element is in exactly one tumbling window and in ⌈size/slide⌉ hopping windows that contain it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 49 }),
        (ts, slide, k, offset) => {
          const size = slide * k;
          const tumbling = assignWindows({ type: 'tumbling', size, offset }, ts);
          expect(tumbling).toHaveLength(1);
          expect(tumbling[0]!.start <= ts && ts < tumbling[0]!.end).toBe(true);
          const hopping = assignWindows({ type: 'hopping', size, slide, offset }, ts);
          expect(hopping).toHaveLength(Math.ceil(size / slide));
          for (const w of hopping) expect(w.start <= ts && ts < w.end && w.end - w.start === size).toBe(true);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });

  it('sessions: Flink merges touching windows, Beam only overlapping ones', () => {
    expect(sessionsMerge({ start: 0, end: 10 }, { start: 10, end: 20 }, 'merge')).toBe(true);
    expect(sessionsMerge({ start: 0, end: 10 }, { start: 10, end: 20 }, 'separate')).toBe(false);
    expect(sessionsMerge({ start: 0, end: 11 }, { start: 10, end: 20 }, 'separate')).toBe(true);
    expect(sessionsMerge({ start: 0, end: 9 }, { start: 10, end: 20 }, 'merge')).toBe(false);
  });
});

describe('window state in checkpoints', () => {
  it('snapshot and restore keep the windows and the pending early-firing timers (not the watermark: not checkpointed)', () => {
    const keys = new KeyTable();
    const spec = ComponentSpec.parse({
      id: 'w',
      kind: 'window',
      window: { type: 'tumbling', size: 100 },
      early: { every: 30 },
    });
    if (spec.kind !== 'window') throw new Error('not a window');
    const timers: number[] = [];
    const out = {
      emit: () => {},
      now: 10,
      isStoreDown: () => false,
      hold: () => null,
      emitFrom: () => {},
      ackHeld: () => {},
      input: 0,
      registerTimer: (t: number) => timers.push(t),
      late: () => {},
    };
    const a = new WindowOperator(spec, keys);
    a.process(new StreamRecord(1, 'k', keys.intern('k'), 5, 20, 10), out);
    a.process(new StreamRecord(2, 'j', keys.intern('j'), 5, 150, 10), out);
    a.onWatermark(50, out);
    // Each window asked for its own early firing (the engine keeps one timer per time).
    expect(timers).toEqual([40, 40]);
    const b = new WindowOperator(spec, keys);
    b.restoreState(structuredClone(a.snapshotState()));
    expect(b.snapshotState()).toEqual(a.snapshotState());
    expect(b.timers()).toEqual([40]);
    expect(b.openWindows().map((w) => `${w.key} ${w.start}`)).toEqual(['k 0', 'j 100']);
  });
});
