import type { ComponentSpec, KeptWindow } from '../../../engine/index.ts';
import {
  POINTS_SHOWN,
  WINDOWS_SHOWN,
  type EventTimeRequest,
  type EventTimeView,
  type InstanceClock,
  type WindowBand,
} from '../../../protocol/panels/eventTime.ts';
import type { PanelSource } from '../types.ts';
import type { ClockStep, EventTimeRecorder, SeenWindow } from './EventTimeRecorder.ts';
import {
  clockOf,
  eventTimeComponents,
  nameOf,
  pickComponent,
  strategyOf,
  upstreamSources,
} from './jobTime.ts';

/** Clock steps sent per instance. */
const STEPS_SHOWN = 400;

const EMPTY_COUNTS = { total: 0, onTime: 0, late: 0, dropped: 0, sideOutput: 0 };

/** The event-time panel's view of one component: its records, its instances' clocks, its windows. */
export function eventTimeView(
  source: PanelSource,
  recorder: EventTimeRecorder,
  request: EventTimeRequest,
): EventTimeView {
  const { engine, scenario } = source;
  const job = scenario.job;
  const candidates = eventTimeComponents(job);
  const picked = pickComponent(candidates, request.component);
  const components = candidates.map((c) => ({ id: c.id, name: nameOf(c), kind: c.kind }));
  if (picked === null) {
    return {
      components,
      component: null,
      clock: null,
      now: engine.now,
      points: { id: [], instance: [], key: [], value: [], time: [], eventTime: [], status: [] },
      counts: EMPTY_COUNTS,
      instances: [],
      windows: [],
      windowsTotal: 0,
      lateDropped: 0,
      allowedLateness: null,
      sources: [],
    };
  }
  const clock = clockOf(job, picked)!;
  const index = job.components.indexOf(picked);
  const plan = engine.plan.instances;
  const names = plan.map((i) => i.name);
  const recorded = recorder.pointsOf(index).slice(-POINTS_SHOWN);
  const points = {
    id: recorded.map((p) => p.id),
    // The position among the component's instances is the instance number.
    instance: recorded.map((p) => plan[p.instance]!.sub),
    key: recorded.map((p) => p.key),
    value: recorded.map((p) => (Number.isNaN(p.value) ? null : p.value)),
    time: recorded.map((p) => p.time),
    eventTime: recorded.map((p) => p.eventTime),
    status: recorded.map((p) => p.status),
  };
  const counts = recorder.countsOf(index);
  const times = engine.eventTimeOf(picked.id);
  const since = recorded.length > 0 ? recorded[0]!.time : -Infinity;
  const instances: InstanceClock[] = times.map((t) => ({
    name: t.name,
    steps: stepsSince(recorder.stepsOf(t.index, clock), since),
    current: clock === 'watermark' ? t.watermark : t.streamTime,
    idle: t.idle,
  }));
  const sessions = picked.kind === 'window' && picked.window.type === 'session';
  const windows = windowBands(engine.windowsOf(picked.id), recorder.windowsOf(index), names, sessions);
  return {
    components,
    component: picked.id,
    clock,
    now: engine.now,
    points,
    counts: {
      total: counts.total,
      onTime: counts['on-time'],
      late: counts.late,
      dropped: counts.dropped,
      sideOutput: counts['side-output'],
    },
    instances,
    windows: windows
      .slice(0, WINDOWS_SHOWN)
      .sort((a, b) => cmp(a.start, b.start) || cmp(a.end, b.end) || cmp(a.key, b.key)),
    windowsTotal: windows.length,
    lateDropped: times.reduce((n, t) => n + t.lateDropped, 0),
    allowedLateness: allowedLateness(picked),
    sources: upstreamSources(job, picked.id).map((s) => ({ id: s.id, name: nameOf(s), ...strategyOf(s) })),
  };
}

/** The steps from `since` on, with the one in force at `since`; at most STEPS_SHOWN, the newest. */
function stepsSince(steps: readonly ClockStep[], since: number): { time: number; value: number }[] {
  let first = 0;
  while (first + 1 < steps.length && steps[first + 1]!.time <= since) first++;
  return steps.slice(Math.max(first, steps.length - STEPS_SHOWN)).map((s) => ({ ...s }));
}

/**
 * The windows kept now (the engine's) and those seen emitting panes that are gone: purged, or
 * (sessions) merged into a larger session of the same key. Newest (by end) first.
 */
function windowBands(
  kept: readonly KeptWindow[],
  seen: readonly SeenWindow[],
  names: readonly string[],
  sessions: boolean,
): WindowBand[] {
  const bands: WindowBand[] = kept.map((w) => ({
    instance: names[w.instance]!,
    key: w.key,
    start: w.start,
    end: w.end,
    state: w.passed ? 'fired' : 'open',
    panes: w.panes,
  }));
  const keptIds = new Set(kept.map((w) => `${w.instance} ${w.key} ${w.start} ${w.end}`));
  for (const w of seen) {
    if (keptIds.has(`${w.instance} ${w.key} ${w.start} ${w.end}`)) continue;
    const merged =
      sessions &&
      kept.some((k) => k.instance === w.instance && k.key === w.key && k.start <= w.start && w.end <= k.end);
    bands.push({
      instance: names[w.instance]!,
      key: w.key,
      start: w.start,
      end: w.end,
      state: merged ? 'merged' : 'purged',
      panes: w.panes,
    });
  }
  return bands.sort((a, b) => cmp(b.end, a.end) || cmp(b.start, a.start));
}

function allowedLateness(c: ComponentSpec): number | null {
  if (c.kind === 'window') return c.allowedLateness;
  if (c.kind === 'join') return c.grace;
  return null;
}

/** Ascending order of numbers (±Infinity included) or strings. */
function cmp<T extends number | string>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
