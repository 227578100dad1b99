import { describe, expect, it } from 'vitest';
import { el, panesOf, runWindow, wm, type Step } from '../test/timeline.ts';

/**
 * Worked examples from the public documentation and published tests of Flink, Beam (with the
 * companion code of Akidau et al., Streaming Systems) and Kafka Streams. Each test cites its
 * source; the inputs and the expected outputs are the published ones. `panesOf` prints a pane as
 * `key value [start,end) TIMING index`.
 */

describe('Flink (WindowOperatorTest, windows.md)', () => {
  // apache/flink flink-streaming-java/src/test/java/org/apache/flink/streaming/runtime/operators/
  // windowing/WindowOperatorTest.java, testSideOutputDueToLatenessTumbling
  it('tumbling 2 s, lateness 0: fires at watermark 1999 (= end − 1); a later element goes to the side output', () => {
    const { panes, late } = runWindow(
      { window: { type: 'tumbling', size: 2000 }, aggregate: 'sum', lateData: 'side-output' },
      [
        el('key2', 1, 1000),
        wm(1985),
        el('key2', 1, 1980),
        wm(1999),
        el('key2', 1, 1998),
        el('key2', 1, 2001),
        wm(2999),
        wm(3999),
      ],
    );
    expect(panesOf(panes, { beforeEnd: true })).toEqual([
      'key2 2 [0,2000) ON_TIME 0',
      'key2 1 [2000,4000) ON_TIME 0',
    ]);
    expect(late.map((r) => [r.key, r.value])).toEqual([['key2', 1]]);
  });

  // Same file, testSideOutputDueToLatenessSliding (expected output compared sorted)
  it('sliding 3 s / 1 s: an element goes to the side output only when all its windows are late', () => {
    const { panes, late } = runWindow(
      { window: { type: 'sliding', size: 3000, slide: 1000 }, aggregate: 'sum', lateData: 'side-output' },
      [
        el('key2', 1, 1000),
        wm(1999),
        el('key2', 1, 2000),
        wm(3000),
        el('key1', 1, 3001),
        el('key2', 1, 2400),
        el('key2', 1, 2400),
        el('key1', 1, 3001),
        el('key2', 1, 3900),
        wm(6000),
        el('key1', 1, 3001),
        wm(25000),
      ],
    );
    const results = panes.map((r) => `${r.key},${r.value}@${r.pane!.end - 1}`).sort();
    expect(results).toEqual(
      [
        'key2,1@1999',
        'key2,2@2999',
        'key2,5@3999',
        'key1,2@3999',
        'key2,4@4999',
        'key1,2@4999',
        'key2,1@5999',
        'key1,2@5999',
      ].sort(),
    );
    expect(late.map((r) => `${r.key},${r.value}`)).toEqual(['key1,1']);
  });

  // Same file, testLateness (PurgingTrigger of EventTimeTrigger = discarding), allowed lateness 500
  it('allowed lateness 500 ms: a late element within it fires the window again; after it, dropped', () => {
    const steps: Step[] = [
      el('key2', 1, 500),
      wm(1500),
      el('key2', 1, 1300),
      wm(2300),
      el('key2', 1, 1997),
      wm(6000),
      el('key2', 1, 1998),
      wm(7000),
    ];
    const purging = runWindow(
      {
        window: { type: 'tumbling', size: 2000 },
        aggregate: 'sum',
        allowedLateness: 500,
        accumulation: 'discarding',
        lateData: 'side-output',
      },
      steps,
    );
    expect(panesOf(purging.panes)).toEqual(['key2 2 [0,2000) ON_TIME 0', 'key2 1 [0,2000) LATE 1']);
    expect(purging.late.map((r) => r.id)).toHaveLength(1);
    // With the plain EventTimeTrigger (no purge) the late pane carries everything: 3.
    const accumulating = runWindow(
      { window: { type: 'tumbling', size: 2000 }, aggregate: 'sum', allowedLateness: 500 },
      steps,
    );
    expect(panesOf(accumulating.panes)).toEqual(['key2 2 [0,2000) ON_TIME 0', 'key2 3 [0,2000) LATE 1']);
  });

  // Same file, the session tests testSideOutputDueToLatenessSessionZeroLateness,
  // testDropDueToLatenessSessionWithLatenessPurgingTrigger, testNotSideOutputDueToLatenessSessionWithLateness,
  // testNotSideOutputDueToLatenessSessionWithHugeLateness (gap 3 s, value 1 each, sum)
  describe('sessions, gap 3 s: merging, a bridging element, lateness', () => {
    const prefix: Step[] = [
      el('key2', 1, 1000),
      wm(1999),
      el('key2', 1, 2000),
      wm(4998),
      el('key2', 1, 4500),
      el('key2', 1, 8500),
      wm(7400),
      el('key2', 1, 7000),
      wm(11501),
      el('key2', 1, 11600),
      wm(14600),
    ];
    const session = (allowedLateness: number, accumulation: string) => ({
      window: { type: 'session', gap: 3000 },
      aggregate: 'sum',
      allowedLateness,
      accumulation,
      lateData: 'side-output',
    });
    const common = ['key2 5 [1000,11500) ON_TIME 0', 'key2 1 [11600,14600) ON_TIME 0'];

    it('lateness 0: the late element goes to the side output', () => {
      const { panes, late } = runWindow(session(0, 'accumulating'), [
        ...prefix,
        el('key2', 1, 10000),
        el('key2', 1, 14500),
        wm(20000),
      ]);
      expect(panesOf(panes, { beforeEnd: true })).toEqual([...common, 'key2 1 [14500,17500) ON_TIME 0']);
      expect(late).toHaveLength(1);
    });

    it('lateness 10, purging: the late element merges into the kept session and fires it with its own value', () => {
      const { panes } = runWindow(session(10, 'discarding'), [
        ...prefix,
        el('key2', 1, 10000),
        el('key2', 1, 14500),
        wm(20000),
      ]);
      expect(panesOf(panes, { beforeEnd: true })).toEqual([
        ...common,
        'key2 1 [10000,14600) LATE 0',
        'key2 1 [10000,17500) ON_TIME 0',
      ]);
    });

    it('lateness 10, accumulating: the late pane and the next one carry the totals (2, then 3)', () => {
      const { panes } = runWindow(session(10, 'accumulating'), [
        ...prefix,
        el('key2', 1, 10000),
        el('key2', 1, 14500),
        wm(20000),
      ]);
      expect(panesOf(panes, { beforeEnd: true })).toEqual([
        ...common,
        'key2 2 [10000,14600) LATE 0',
        'key2 3 [10000,17500) ON_TIME 0',
      ]);
    });

    it('lateness 10 s, accumulating: the late element bridges two kept sessions: 7, then 8', () => {
      const { panes } = runWindow(session(10000, 'accumulating'), [
        ...prefix,
        el('key2', 1, 10000),
        el('key2', 1, 14500),
        wm(20000),
      ]);
      expect(panesOf(panes, { beforeEnd: true })).toEqual([
        ...common,
        'key2 7 [1000,14600) LATE 0',
        'key2 8 [1000,17500) ON_TIME 0',
      ]);
    });
  });

  // Same file, testCountTrigger: GlobalWindows with PurgingTrigger.of(CountTrigger.of(4)), sum
  it('global window with a purging count trigger of 4: a pane per 4 elements of a key', () => {
    const { panes } = runWindow(
      { window: { type: 'global' }, aggregate: 'sum', count: 4, accumulation: 'discarding' },
      [
        el('key2', 1, 3000),
        el('key2', 1, 3999),
        el('key1', 1, 20),
        el('key1', 1, 0),
        el('key1', 1, 999),
        el('key2', 1, 1998),
        el('key2', 1, 1999),
        el('key2', 1, 1000),
        el('key1', 1, 10999),
        el('key2', 1, 1000),
        el('key2', 1, 1000),
        el('key2', 1, 1000),
      ],
    );
    expect(panes.map((r) => `${r.key},${r.value}`)).toEqual(['key2,4', 'key1,4', 'key2,4']);
    // The global window never ends: its results are stamped +Infinity (Flink: Long.MAX_VALUE).
    expect(panes[0]!.pane).toMatchObject({ start: -Infinity, end: Infinity, timing: 'EARLY' });
  });

  // apache/flink .../windowing/EventTimeSessionWindowsTest.java testMergeConsecutiveWindows, and
  // TimeWindow.intersects: windows that touch are merged.
  it('session windows that exactly touch are merged', () => {
    const { panes } = runWindow({ window: { type: 'session', gap: 10 }, aggregate: 'list' }, [
      el('k', 0, 0),
      el('k', 10, 10),
      el('k', 101, 101),
    ]);
    expect(panesOf(panes)).toEqual(['k [0,10] [0,20) ON_TIME 0', 'k [101] [101,111) ON_TIME 0']);
  });
});

describe('Beam', () => {
  // apache/beam sdks/java/core/src/test/java/org/apache/beam/sdk/transforms/windowing/SessionsTest.java
  // testSimple and testMerging (IntervalWindow.intersects: touching windows are disjoint)
  it('keeps touching sessions apart (touching: "separate"); out-of-order elements bridge sessions', () => {
    const simple = runWindow(
      { window: { type: 'session', gap: 10, touching: 'separate' }, aggregate: 'list' },
      [el('k', 0, 0), el('k', 10, 10), el('k', 101, 101)],
    );
    expect(panesOf(simple.panes)).toEqual([
      'k [0] [0,10) ON_TIME 0',
      'k [10] [10,20) ON_TIME 0',
      'k [101] [101,111) ON_TIME 0',
    ]);
    const merging = runWindow(
      { window: { type: 'session', gap: 10, touching: 'separate' }, aggregate: 'list' },
      [1, 15, 30, 100, 101, 95, 22, 10].map((ts) => el('k', ts, ts)),
    );
    expect(panesOf(merging.panes)).toEqual([
      'k [1,15,30,22,10] [1,40) ON_TIME 0',
      'k [100,101,95] [95,111) ON_TIME 0',
    ]);
  });

  // apache/beam website/www/site/content/en/documentation/programming-guide.md, "Window accumulation
  // modes": a trigger that fires every 3 elements; values for key X in order.
  it('a count trigger of 3: accumulating panes grow, discarding panes hold the new elements', () => {
    const values = [5, 8, 3, 15, 19, 23, 9, 13, 10];
    const steps = values.map((v, i) => el('X', v, i));
    const win = (accumulation: string) => ({
      window: { type: 'tumbling', size: 600_000 },
      aggregate: 'list',
      count: 3,
      accumulation,
    });
    const items = (rows: { pane?: { items?: readonly number[] } }[]) => rows.map((r) => r.pane!.items);
    expect(items(runWindow(win('accumulating'), steps).panes)).toEqual([
      [5, 8, 3],
      [5, 8, 3, 15, 19, 23],
      [5, 8, 3, 15, 19, 23, 9, 13, 10],
    ]);
    expect(items(runWindow(win('discarding'), steps).panes)).toEqual([
      [5, 8, 3],
      [15, 19, 23],
      [9, 13, 10],
    ]);
  });
});

describe('Streaming Systems (Akidau, Chernyak, Lax), the team-scores examples', () => {
  // takidau/streamingbook: inputs in src/test/java/net/streamingbook/BeamModelTest.java
  // (createStream), expected panes in src/main/java/net/streamingbook/BeamModel.java. Times are ms
  // after 12:00:00; processing time (PT) is when each entry arrives.
  const M = 60_000;
  const t = (m: number, s: number) => m * M + s * 1000;
  const score = (at: number, ts: number, value: number): Step => ({ key: 'TeamX', value, ts, at });
  const heuristic = (extraSix = false): Step[] => [
    score(t(4, 59), t(0, 26), 5),
    score(t(5, 39), t(2, 24), 7),
    wm(t(2, 0), t(6, 0)),
    score(t(6, 13), t(3, 39), 3),
    score(t(6, 39), t(4, 19), 4),
    ...(extraSix ? [score(t(6, 39), t(0, 53), 6)] : []),
    score(t(7, 6), t(3, 6), 8),
    score(t(7, 19), t(6, 39), 3),
    wm(t(4, 0), t(7, 30)),
    wm(t(6, 0), t(7, 40)),
    score(t(8, 19), t(1, 25), 9),
    score(t(8, 39), t(7, 26), 8),
    score(t(9, 0), t(7, 46), 1),
    wm(t(8, 0), t(9, 30)),
  ];
  const perfect: Step[] = [
    score(t(4, 59), t(0, 26), 5),
    score(t(5, 39), t(2, 24), 7),
    score(t(6, 13), t(3, 39), 3),
    score(t(6, 39), t(4, 19), 4),
    score(t(7, 6), t(3, 6), 8),
    score(t(7, 19), t(6, 39), 3),
    score(t(8, 19), t(1, 25), 9),
    wm(t(2, 0), t(8, 39)),
    score(t(8, 39), t(7, 26), 8),
    score(t(9, 0), t(7, 46), 1),
    wm(t(4, 0), t(9, 0)),
    wm(t(6, 0), t(9, 10)),
    wm(t(8, 0), t(9, 20)),
  ];
  // AfterWatermark.pastEndOfWindow().withEarlyFirings(AfterProcessingTime.pastFirstElementInPane()
  // .plusDelayOf(1 min)).withLateFirings(AfterPane.elementCountAtLeast(1)), sum
  const early = (window: object, accumulation: string, allowedLateness = 1000 * 86_400_000) => ({
    window,
    aggregate: 'sum',
    early: { every: M },
    accumulation,
    allowedLateness,
  });
  const fixed = { type: 'tumbling', size: 2 * M };
  const w = (m: number) => `[${m * M},${(m + 2) * M})`;

  it('Example 2-2: fixed 2-minute windows, batch (one pane each at the end)', () => {
    const batch = [
      [5, t(0, 26)],
      [7, t(2, 26)],
      [3, t(3, 39)],
      [4, t(4, 19)],
      [8, t(3, 6)],
      [3, t(6, 39)],
      [9, t(1, 26)],
      [8, t(7, 26)],
      [1, t(7, 46)],
    ].map(([v, ts]) => el('TeamX', v!, ts!));
    const { panes } = runWindow({ window: fixed, aggregate: 'sum' }, batch);
    expect(panes.map((r) => r.value)).toEqual([14, 18, 4, 12]);
  });

  it('Example 2-7 (perfect watermark): early panes every minute of processing time, on-time panes', () => {
    expect(panesOf(runWindow(early(fixed, 'accumulating'), perfect).panes).sort()).toEqual(
      [
        `TeamX 5 ${w(0)} EARLY 0`,
        `TeamX 14 ${w(0)} ON_TIME 1`,
        `TeamX 10 ${w(2)} EARLY 0`,
        `TeamX 18 ${w(2)} EARLY 1`,
        `TeamX 18 ${w(2)} ON_TIME 2`,
        `TeamX 4 ${w(4)} EARLY 0`,
        `TeamX 4 ${w(4)} ON_TIME 1`,
        `TeamX 3 ${w(6)} EARLY 0`,
        `TeamX 12 ${w(6)} ON_TIME 1`,
      ].sort(),
    );
  });

  it('Example 2-7 (heuristic watermark): a late element fires a LATE pane; accumulating', () => {
    expect(panesOf(runWindow(early(fixed, 'accumulating'), heuristic()).panes).sort()).toEqual(
      [
        `TeamX 5 ${w(0)} EARLY 0`,
        `TeamX 5 ${w(0)} ON_TIME 1`,
        `TeamX 14 ${w(0)} LATE 2`,
        `TeamX 10 ${w(2)} EARLY 0`,
        `TeamX 18 ${w(2)} ON_TIME 1`,
        `TeamX 4 ${w(4)} EARLY 0`,
        `TeamX 4 ${w(4)} ON_TIME 1`,
        `TeamX 3 ${w(6)} EARLY 0`,
        `TeamX 12 ${w(6)} ON_TIME 1`,
      ].sort(),
    );
  });

  it('Example 2-9: the same trigger, discarding: empty on-time panes are emitted (0)', () => {
    expect(panesOf(runWindow(early(fixed, 'discarding'), heuristic()).panes).sort()).toEqual(
      [
        `TeamX 5 ${w(0)} EARLY 0`,
        `TeamX 0 ${w(0)} ON_TIME 1`,
        `TeamX 9 ${w(0)} LATE 2`,
        `TeamX 10 ${w(2)} EARLY 0`,
        `TeamX 8 ${w(2)} ON_TIME 1`,
        `TeamX 4 ${w(4)} EARLY 0`,
        `TeamX 0 ${w(4)} ON_TIME 1`,
        `TeamX 3 ${w(6)} EARLY 0`,
        `TeamX 9 ${w(6)} ON_TIME 1`,
      ].sort(),
    );
  });

  it('Example 2-8: allowed lateness 2 minutes: the 6 is still accepted, the 9 is dropped', () => {
    expect(panesOf(runWindow(early(fixed, 'accumulating', 2 * M), heuristic(true)).panes).sort()).toEqual(
      [
        `TeamX 5 ${w(0)} EARLY 0`,
        `TeamX 5 ${w(0)} ON_TIME 1`,
        `TeamX 11 ${w(0)} LATE 2`,
        `TeamX 10 ${w(2)} EARLY 0`,
        `TeamX 18 ${w(2)} ON_TIME 1`,
        `TeamX 4 ${w(4)} EARLY 0`,
        `TeamX 4 ${w(4)} ON_TIME 1`,
        `TeamX 3 ${w(6)} EARLY 0`,
        `TeamX 12 ${w(6)} ON_TIME 1`,
      ].sort(),
    );
  });

  it('Example 4-3: sessions of 1 minute; a late element bridges two sessions into a LATE pane of 36', () => {
    const s = (from: number[], to: number[]) => `[${t(from[0]!, from[1]!)},${t(to[0]!, to[1]!)})`;
    const sessions = early({ type: 'session', gap: M, touching: 'separate' }, 'accumulating');
    expect(panesOf(runWindow(sessions, heuristic()).panes)).toEqual([
      `TeamX 5 ${s([0, 26], [1, 26])} EARLY 0`,
      `TeamX 5 ${s([0, 26], [1, 26])} ON_TIME 1`,
      `TeamX 7 ${s([2, 24], [3, 24])} EARLY 0`,
      `TeamX 22 ${s([2, 24], [5, 19])} EARLY 0`,
      `TeamX 22 ${s([2, 24], [5, 19])} ON_TIME 1`,
      `TeamX 3 ${s([6, 39], [7, 39])} EARLY 0`,
      `TeamX 36 ${s([0, 26], [5, 19])} LATE 0`,
      `TeamX 12 ${s([6, 39], [8, 46])} ON_TIME 0`,
    ]);
  });
});

describe('Kafka Streams (stream time, grace, suppress)', () => {
  // apache/kafka streams/src/test/java/org/apache/kafka/streams/kstream/internals/SuppressScenarioTest.java
  // shouldSupportFinalResultsForTimeWindows: TimeWindows of 2 ms, grace 1 ms, count, caching off.
  const ks = (window: object, emit: string, grace: number) => ({
    window,
    aggregate: 'count',
    clock: 'stream-time',
    emit,
    allowedLateness: grace,
  });
  const k1 = (...ts: number[]) => ts.map((x) => el('k1', 1, x));

  it('tumbling 2 ms + grace 1 ms: an update per record, or suppress(untilWindowCloses): one final result per window', () => {
    const steps = k1(0, 1, 2, 1, 0, 5, 0);
    const updates = runWindow(ks({ type: 'tumbling', size: 2 }, 'every-update', 1), steps).panes;
    expect(updates.map((r) => `[k1@${r.pane!.start}/${r.pane!.end}] ${r.value}`)).toEqual([
      '[k1@0/2] 1',
      '[k1@0/2] 2',
      '[k1@2/4] 1',
      '[k1@0/2] 3',
      '[k1@0/2] 4',
      '[k1@4/6] 1',
    ]);
    const final = runWindow(ks({ type: 'tumbling', size: 2 }, 'window-close', 1), steps).panes;
    expect(
      final
        .filter((r) => r.pane!.watermark !== Infinity)
        .map((r) => `[k1@${r.pane!.start}/${r.pane!.end}] ${r.value}`),
    ).toEqual(['[k1@0/2] 4', '[k1@2/4] 1']);
  });

  // Same file, shouldSupportFinalResultsForTimeWindowsWithLargeJump: 2 ms windows, grace 2 ms.
  it('grace 2 ms, a large jump: the k1@0 after k1@4 is dropped; [4,6) is final only at stream time 30', () => {
    const steps = k1(0, 1, 2, 0, 3, 0, 4, 0, 30);
    const updates = runWindow(ks({ type: 'tumbling', size: 2 }, 'every-update', 2), steps).panes;
    expect(updates.map((r) => `[k1@${r.pane!.start}/${r.pane!.end}] ${r.value}`)).toEqual([
      '[k1@0/2] 1',
      '[k1@0/2] 2',
      '[k1@2/4] 1',
      '[k1@0/2] 3',
      '[k1@2/4] 2',
      '[k1@0/2] 4',
      '[k1@4/6] 1',
      '[k1@30/32] 1',
    ]);
    const final = runWindow(ks({ type: 'tumbling', size: 2 }, 'window-close', 2), steps).panes;
    expect(
      final
        .filter((r) => r.pane!.watermark !== Infinity)
        .map((r) => `[k1@${r.pane!.start}/${r.pane!.end}] ${r.value}`),
    ).toEqual(['[k1@0/2] 4', '[k1@2/4] 2', '[k1@4/6] 1']);
  });

  // Same file, shouldSupportFinalResultsForSessionWindows: SessionWindows of 5 ms, grace 0. Kafka
  // Streams prints a session by its first and last timestamps ([k1@0/5]); here a session is
  // [first, last + gap).
  it('sessions of 5 ms, grace 0: records one gap apart merge; any key advances stream time', () => {
    const steps = [
      el('k1', 1, 0),
      el('k1', 1, 5),
      el('k1', 1, 1),
      el('k2', 1, 6),
      el('k1', 1, 5),
      el('k1', 1, 30),
    ];
    const session = { type: 'session', gap: 5 };
    const updates = runWindow(ks(session, 'every-update', 0), steps).panes;
    const ksBounds = (r: { key: string; value: number; pane?: { start: number; end: number } }) =>
      `[${r.key}@${r.pane!.start}/${r.pane!.end - 5}] ${r.value}`;
    // The updates, without Kafka Streams' tombstones for the sessions a merge replaced.
    expect(updates.map(ksBounds)).toEqual([
      '[k1@0/0] 1',
      '[k1@0/5] 2',
      '[k1@0/5] 3',
      '[k2@6/6] 1',
      '[k1@30/30] 1',
    ]);
    const final = runWindow(ks(session, 'window-close', 0), steps).panes;
    expect(final.filter((r) => r.pane!.watermark !== Infinity).map(ksBounds)).toEqual([
      '[k1@0/5] 3',
      '[k2@6/6] 1',
    ]);
  });
});
