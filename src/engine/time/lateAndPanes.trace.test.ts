import { describe, expect, it } from 'vitest';
import eventTimeScores from '../../../scenarios/event-time-scores.json';
import lateScores from '../../../scenarios/late-scores.json';
import lateSessions from '../../../scenarios/late-sessions.json';
import streamJoin from '../../../scenarios/stream-join.json';
import { engineFor } from '../oracle/runScenario.ts';
import { parseScenario } from '../model/parse.ts';
import type { TraceEvent } from '../model/trace.ts';
import { el, timeline, wm } from '../test/timeline.ts';
import { TestEngine } from '../test/TestEngine.ts';

/**
 * The trace events of lateness (`late`), of panes (`pane`) and of stream time (`stream-time`):
 * they say what the window or join decided, they match what the sinks and the snapshot show, and
 * they change nothing in the run (the trace hash does not depend on the observer).
 */

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

function traced(json: unknown, changes: (s: Record<string, unknown>) => void = () => {}) {
  const copy = structuredClone(json) as Record<string, unknown>;
  changes(copy);
  const scenario = parseScenario(copy);
  const events: TraceEvent[] = [];
  const engine = engineFor(scenario, { observer: (e) => events.push(e) });
  engine.runToCompletion();
  const plain = engineFor(scenario);
  plain.runToCompletion();
  const of = <T extends TraceEvent['type']>(type: T) => events.filter((e): e is Of<T> => e.type === type);
  return { engine, plain, events, of };
}

const instanceOf = (engine: ReturnType<typeof engineFor>, id: string) =>
  engine.rt.components.find((c) => c.id === id)!.instances.map((i) => i.index);

describe('trace: late records', () => {
  it('late-scores: the straggler within lateness is accepted, the one beyond it dropped and counted', () => {
    const { engine, of } = traced(lateScores);
    const late = of('late').map(({ key, value, eventTime, clock, windows, outcome, time }) => ({
      key,
      value,
      eventTime,
      clock,
      windows,
      outcome,
      time,
    }));
    expect(late).toEqual([
      {
        key: 'TeamA',
        value: 4,
        eventTime: 8000,
        clock: 12999,
        windows: [{ start: 0, end: 10000 }],
        outcome: 'accepted',
        time: 16001,
      },
      {
        key: 'TeamB',
        value: 7,
        eventTime: 7000,
        clock: 16999,
        windows: [{ start: 0, end: 10000 }],
        outcome: 'dropped',
        time: 20001,
      },
    ]);
    const window = engine.snapshot().components.find((c) => c.id === 'team-sums')!;
    expect(of('late').filter((e) => e.outcome === 'dropped')).toHaveLength(window.lateDropped);
    expect(new Set(of('late').map((e) => e.instance))).toEqual(new Set(instanceOf(engine, 'team-sums')));
  });

  it('late-sessions: the late click goes to the side output; the trace names its session', () => {
    const { engine, of } = traced(lateSessions);
    const late = of('late');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({
      key: 'bob',
      eventTime: 3000,
      clock: 8000,
      windows: [{ start: 3000, end: 8000 }],
      outcome: 'side-output',
    });
    expect(engine.sinkRows('late-clicks').map((r) => r.id)).toEqual([late[0]!.id]);
    expect(engine.snapshot().components.find((c) => c.id === 'visits')!.lateDropped).toBe(0);
  });

  it('late-sessions with lateness 2000: the late click merges into the fired session, accepted', () => {
    const { of } = traced(lateSessions, (s) => {
      const job = s.job as { components: Record<string, unknown>[] };
      job.components[1]!.allowedLateness = 2000;
    });
    expect(of('late').map((e) => [e.key, e.outcome, e.windows])).toEqual([
      ['bob', 'accepted', [{ start: 2000, end: 8000 }]],
    ]);
  });

  it('hopping windows: only the windows past their end are named; all closed: dropped with all of them', () => {
    const job = {
      components: [
        {
          id: 'in',
          kind: 'records-source',
          watermarks: { strategy: 'punctuated' },
          records: timeline([el('k', 1, 1500), wm(3200), el('k', 1, 1200), wm(4500), el('k', 1, 1300)]),
        },
        {
          id: 'w',
          kind: 'window',
          cost: 0,
          window: { type: 'hopping', size: 3000, slide: 1000 },
          allowedLateness: 500,
        },
        { id: 'out', kind: 'append-sink', cost: 0 },
      ],
      edges: [
        { from: 'in', to: 'w', latency: 0 },
        { from: 'w', to: 'out', latency: 0 },
      ],
    };
    const t = TestEngine.of(job, { runFor: 1, trace: true }).run();
    const late = t.events.filter((e): e is Of<'late'> => e.type === 'late');
    // 1200 is in [1000, 4000), [0, 3000) and [-1000, 2000). At watermark 3200: [-1000, 2000) is
    // closed (1999 + 500 ≤ 3200), [0, 3000) is past its end (2999 ≤ 3200) but kept, [1000, 4000) is open.
    // At watermark 4500 every window of 1300 is closed (3999 + 500 ≤ 4500).
    expect(late.map((e) => [e.eventTime, e.outcome, e.windows])).toEqual([
      [1200, 'accepted', [{ start: 0, end: 3000 }]],
      [
        1300,
        'dropped',
        [
          { start: 1000, end: 4000 },
          { start: 0, end: 3000 },
          { start: -1000, end: 2000 },
        ],
      ],
    ]);
    expect(t.component('w').lateDropped).toBe(1);
  });

  it('a join: a record past its grace is dropped (no windows named), one within its grace accepted', () => {
    const job = {
      components: [
        {
          id: 'left',
          kind: 'records-source',
          records: [
            { key: 'k', value: 1, eventTime: 100, at: 1 },
            { key: 'k', value: 2, eventTime: 93, at: 2 },
            { key: 'k', value: 3, eventTime: 50, at: 3 },
          ],
        },
        { id: 'right', kind: 'records-source', records: [{ key: 'k', value: 9, eventTime: 100, at: 1 }] },
        {
          id: 'j',
          kind: 'join',
          cost: 0,
          left: 'left',
          right: 'right',
          before: 5,
          after: 5,
          grace: 5,
          clock: 'stream-time',
        },
        { id: 'out', kind: 'append-sink', cost: 0 },
      ],
      edges: [
        { from: 'left', to: 'j', latency: 0 },
        { from: 'right', to: 'j', latency: 0 },
        { from: 'j', to: 'out', latency: 0 },
      ],
    };
    const t = TestEngine.of(job, { runFor: 1, trace: true }).run();
    const late = t.events.filter((e): e is Of<'late'> => e.type === 'late');
    // Stream time 100: 93 + 5 < 100 (window passed) but 93 + 5 + 5 ≥ 100 (within grace); 50 is not.
    expect(late.map((e) => [e.eventTime, e.outcome, e.windows, e.clock])).toEqual([
      [93, 'accepted', [], 100],
      [50, 'dropped', [], 100],
    ]);
    expect(t.component('j').lateDropped).toBe(1);
  });
});

describe('trace: panes', () => {
  it.each([
    ['event-time-scores', eventTimeScores, 'team-sums', 'scoreboard'],
    ['late-scores', lateScores, 'team-sums', 'scoreboard'],
    ['late-sessions', lateSessions, 'visits', 'sessions'],
  ])('%s: the panes traced are the panes the sink wrote, in order', (_name, json, window, sink) => {
    const { engine, of } = traced(json);
    const windowInstances = instanceOf(engine, window);
    const panes = of('pane');
    expect(panes.every((p) => windowInstances.includes(p.instance))).toBe(true);
    const rows = engine.sinkRows(sink);
    expect(panes.map(({ id, key, value, pane }) => ({ id, key, value, pane }))).toEqual(
      rows.map(({ id, key, value, pane }) => ({ id, key, value, pane })),
    );
    expect(panes.every((p) => p.time === p.pane.emittedAt)).toBe(true);
  });

  it('accumulating-retracting: retractions are traced as panes too', () => {
    const { engine, of } = traced(lateSessions, (s) => {
      const job = s.job as { components: Record<string, unknown>[] };
      Object.assign(job.components[1]!, { allowedLateness: 2000, accumulation: 'accumulating-retracting' });
    });
    const panes = of('pane');
    expect(panes.some((p) => p.pane.retraction)).toBe(true);
    expect(panes.map((p) => p.pane)).toEqual(engine.sinkRows('sessions').map((r) => r.pane));
  });
});

describe('trace: stream time', () => {
  it('stream-join: each change of an instance stream time is traced; the last equals the snapshot', () => {
    const { engine, of } = traced(streamJoin);
    const changes = of('stream-time');
    expect(changes.length).toBeGreaterThan(3);
    const times = changes.map((e) => e.streamTime);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const join = engine.snapshot().components.find((c) => c.id === 'joined')!;
    expect(times.at(-1)).toBe(join.streamTime);
    expect(new Set(changes.map((e) => e.instance))).toEqual(new Set(instanceOf(engine, 'joined')));
  });
});

describe('trace: the new events change nothing in the run', () => {
  it.each([
    ['event-time-scores', eventTimeScores],
    ['late-scores', lateScores],
    ['late-sessions', lateSessions],
    ['stream-join', streamJoin],
  ])('%s: the trace hash is the same with and without an observer', (_name, json) => {
    const { engine, plain } = traced(json);
    expect(engine.traceHash()).toBe(plain.traceHash());
    expect(engine.steps).toBe(plain.steps);
  });

  it('event-time-scores keeps the hash docs/cli.md shows', () => {
    expect(traced(eventTimeScores).engine.traceHash()).toBe('d8ec8cb1171dcf0d');
  });
});

describe('Engine.eventTimeOf and windowsOf (for the panels)', () => {
  it.each([
    ['late-scores', lateScores, 17_000],
    ['late-sessions', lateSessions, 9_550],
    ['stream-join', streamJoin, 70],
  ])('%s: per instance, what the snapshot shows; the windows kept are the state', (_name, json, until) => {
    const engine = engineFor(parseScenario(json));
    engine.runUntil(until);
    const snapshot = engine.snapshot();
    for (const c of snapshot.components) {
      expect(engine.eventTimeOf(c.id)).toEqual(
        c.instances.map(({ index, name, watermark, idle, streamTime, lateDropped }) => ({
          index,
          name,
          watermark,
          idle,
          streamTime,
          lateDropped,
        })),
      );
      const windows = engine.windowsOf(c.id);
      expect(windows).toHaveLength(
        c.kind === 'window' ? c.instances.reduce((n, i) => n + i.stateSize, 0) : 0,
      );
    }
  });

  it('late-scores at 17 s: the first windows fired and kept, the second open', () => {
    const engine = engineFor(parseScenario(lateScores));
    engine.runUntil(17_000);
    expect(engine.windowsOf('team-sums').map((w) => [w.key, w.start, w.passed, w.panes])).toEqual([
      ['TeamA', 0, true, 2],
      ['TeamA', 10000, false, 0],
      ['TeamB', 0, true, 1],
      ['TeamB', 10000, false, 0],
    ]);
    expect(() => engine.windowsOf('nope')).toThrow('no component');
  });
});
