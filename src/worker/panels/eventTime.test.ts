import { describe, expect, it } from 'vitest';
import eventTimeScores from '../../../scenarios/event-time-scores.json';
import idlePartition from '../../../scenarios/idle-partition.json';
import lateScores from '../../../scenarios/late-scores.json';
import lateSessions from '../../../scenarios/late-sessions.json';
import streamJoin from '../../../scenarios/stream-join.json';
import systemUsage from '../../../scenarios/system-usage.json';
import { parseScenario, runScenario } from '../../engine/index.ts';
import { EventTimeView, pointList, type EventTimeRequest } from '../../protocol/panels/eventTime.ts';
import { panelsAt } from './eventTime/hostRun.ts';

/** The event-time view of `scenario` at `until` (or its end), and runScenario stopped at the same time. */
function both(scenario: unknown, request: EventTimeRequest = {}, until?: number) {
  const { views, time } = panelsAt(scenario, { eventTime: request }, until);
  const view = EventTimeView.parse(views.eventTime);
  const direct = runScenario(parseScenario(scenario), until === undefined ? {} : { until: time });
  const component = (id: string) => direct.snapshot.components.find((c) => c.id === id)!;
  return { view, direct, component };
}

const statuses = (view: EventTimeView) => pointList(view).map((p) => `${p.key} ${p.eventTime} ${p.status}`);

describe('event-time panel: late-scores (bounded out-of-orderness, lateness 5 s)', () => {
  it('at the end: every record with its lateness, the final watermark, the late count of the engine', () => {
    const { view, component } = both(lateScores);
    expect(view.component).toBe('team-sums');
    expect(view.clock).toBe('watermark');
    expect(view.components.map((c) => c.id)).toEqual(['scores', 'team-sums', 'scoreboard']);
    expect(statuses(view)).toEqual([
      'TeamA 1000 on-time',
      'TeamB 2000 on-time',
      'TeamA 6000 on-time',
      'TeamB 9000 on-time',
      'TeamA 12000 on-time',
      'TeamB 15000 on-time',
      'TeamA 8000 late',
      'TeamA 19000 on-time',
      'TeamB 7000 dropped',
      'TeamB 21000 on-time',
    ]);
    expect(view.counts).toEqual({ total: 10, onTime: 8, late: 1, dropped: 1, sideOutput: 0 });
    expect(view.lateDropped).toBe(component('team-sums').lateDropped);
    expect(view.lateDropped).toBe(1);
    const instances = component('team-sums').instances;
    expect(view.instances.map((i) => [i.name, i.current])).toEqual(
      instances.map((i) => [i.name, i.watermark]),
    );
    expect(view.instances[0]!.steps.at(-1)!.value).toBe(Infinity);
    expect(view.sources).toEqual([
      { id: 'scores', name: 'Scores', strategy: 'bounded-out-of-orderness', bound: 2000 },
    ]);
    expect(view.allowedLateness).toBe(5000);
    // The final watermark closed every window.
    expect(view.windows.map((w) => `${w.key} [${w.start},${w.end}) ${w.state} ${w.panes}`)).toEqual([
      'TeamA [0,10000) purged 2',
      'TeamB [0,10000) purged 1',
      'TeamA [10000,20000) purged 1',
      'TeamB [10000,20000) purged 1',
      'TeamB [20000,30000) purged 1',
    ]);
  });

  it('at 17 s: the watermark steps equal the engine; the first windows fired and kept, the second open', () => {
    const { view, component } = both(lateScores, {}, 17_000);
    const wm = component('team-sums').instances[0]!.watermark;
    expect(wm).toBe(12999);
    expect(view.instances[0]!.current).toBe(wm);
    expect(view.instances[0]!.steps.at(-1)!.value).toBe(wm);
    const values = view.instances[0]!.steps.map((s) => s.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(view.windows.map((w) => `${w.key} [${w.start},${w.end}) ${w.state}`)).toEqual([
      'TeamA [0,10000) fired',
      'TeamB [0,10000) fired',
      'TeamA [10000,20000) open',
      'TeamB [10000,20000) open',
    ]);
    expect(pointList(view).map((p) => p.eventTime)).toEqual([1000, 2000, 6000, 9000, 12000, 15000, 8000]);
  });

  it('the source picked: the records it read, its own watermark', () => {
    const { view, component } = both(lateScores, { component: 'scores' }, 13_000);
    expect(view.component).toBe('scores');
    expect(pointList(view)).toHaveLength(5);
    expect(pointList(view).every((p) => p.instance === 'scores#0' && p.status === 'on-time')).toBe(true);
    expect(view.instances[0]!.current).toBe(component('scores').instances[0]!.watermark);
    expect(view.windows).toEqual([]);
    expect(view.allowedLateness).toBeNull();
  });
});

describe('event-time panel: the other event-time scenarios', () => {
  it('event-time-scores: the 9 scored at 12:01:25 is late but accepted; punctuated, no bound', () => {
    const { view, component } = both(eventTimeScores);
    expect(
      pointList(view)
        .filter((p) => p.status !== 'on-time')
        .map((p) => [p.value, p.eventTime, p.status]),
    ).toEqual([[9, 85000, 'late']]);
    expect(view.sources).toEqual([
      { id: 'scores', name: 'Score events', strategy: 'punctuated', bound: null },
    ]);
    expect(view.lateDropped).toBe(component('team-sums').lateDropped);
    const steps = view.instances[0]!.steps.map((s) => s.value);
    expect(steps).toEqual([120000, 240000, 360000, 480000, Infinity]);
  });

  it('late-sessions: the late click is marked as sent to the side output; sessions merged are named', () => {
    const { view } = both(lateSessions);
    expect(
      pointList(view)
        .filter((p) => p.status !== 'on-time')
        .map((p) => [p.key, p.eventTime, p.status]),
    ).toEqual([['bob', 3000, 'side-output']]);
    expect(view.counts.sideOutput).toBe(1);
    const { view: merging } = both(lateSessions, {}, 9_550);
    // Ann's click from 2500 merged nothing new; her visit [1000, 9000) is open, bob's fired one purged.
    expect(merging.windows.map((w) => `${w.key} [${w.start},${w.end}) ${w.state}`)).toEqual([
      'ann [1000,9000) open',
      'bob [2000,7000) purged',
    ]);
  });

  it('stream-join: Kafka Streams mode shows stream time, equal to the engine', () => {
    const { view, component } = both(streamJoin, {}, 70);
    expect(view.component).toBe('joined');
    expect(view.clock).toBe('stream-time');
    expect(view.instances[0]!.current).toBe(component('joined').instances[0]!.streamTime);
    expect(view.instances[0]!.current).toBe(60);
    expect(view.instances[0]!.steps.at(-1)!.value).toBe(60);
    expect(view.allowedLateness).toBe(5);
    // Tombstones have no value.
    expect(pointList(view).some((p) => p.value === null)).toBe(true);
  });

  it('idle-partition: no watermark yet at the window, every click on time', () => {
    const { view, component } = both(idlePartition);
    expect(view.component).toBe('per-second');
    expect(view.instances.map((i) => i.current)).toEqual([null]);
    expect(component('per-second').instances[0]!.watermark).toBeNull();
    expect(view.counts).toMatchObject({ total: 100, onTime: 100 });
    expect(view.windows.map((w) => w.state).every((s) => s === 'open')).toBe(true);
    expect(view.windows).toHaveLength(component('per-second').instances[0]!.stateSize);
  });

  it('a job without event time says so: nothing to pick', () => {
    const { view } = both(systemUsage, {}, 100);
    expect(view).toMatchObject({ component: null, clock: null, components: [] });
    expect(pointList(view)).toEqual([]);
  });
});

describe('event-time panel: bounds', () => {
  it('keeps the newest 1,000 records and counts them all', () => {
    const busy = structuredClone(idlePartition) as { job: { components: Record<string, unknown>[] } };
    Object.assign(busy.job.components[0]!, {
      rate: 400,
      watermarks: { strategy: 'bounded-out-of-orderness', bound: 300, idleTimeout: 1000 },
    });
    const { view, component } = both(busy);
    expect(view.counts.total).toBe(2000);
    expect(pointList(view)).toHaveLength(1000);
    const times = pointList(view).map((p) => p.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The clock steps start with the one in force at the first point shown.
    const steps = view.instances[0]!.steps;
    expect(steps.length).toBeGreaterThan(10);
    expect(steps[0]!.time).toBeLessThanOrEqual(pointList(view)[0]!.time);
    expect(steps[1]!.time).toBeGreaterThan(pointList(view)[0]!.time);
    expect(steps.at(-1)!.value).toBe(component('per-second').instances[0]!.watermark);
  });
});
