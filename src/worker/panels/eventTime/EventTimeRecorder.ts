import { planJob, type Scenario, type TraceEvent } from '../../../engine/index.ts';
import type { PointStatus } from '../../../protocol/panels/eventTime.ts';
import type { PanelRecorder } from '../types.ts';
import { eventTimeComponents } from './jobTime.ts';
import { Ring } from './Ring.ts';

/** A record an instance processed, and what lateness made of it. */
export interface RecordedPoint {
  readonly id: number;
  readonly instance: number;
  readonly key: string;
  readonly value: number;
  readonly time: number;
  readonly eventTime: number;
  readonly status: PointStatus;
}

/** A step of an instance's clock: from processing time `time` on, it read `value`. */
export interface ClockStep {
  readonly time: number;
  readonly value: number;
}

/** A window seen emitting panes: one key's window at one instance. */
export interface SeenWindow {
  readonly instance: number;
  readonly key: string;
  readonly start: number;
  readonly end: number;
  panes: number;
}

/** Records kept per component: the newest points (older ones are only counted). */
export const POINTS_KEPT = 1000;
/** Clock steps kept per instance. */
export const STEPS_KEPT = 400;
/** Windows remembered per component (the oldest are forgotten first). */
export const WINDOWS_KEPT = 2000;

type Counts = Record<PointStatus, number>;

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

const LATE_STATUS: Record<Of<'late'>['outcome'], PointStatus> = {
  accepted: 'late',
  dropped: 'dropped',
  'side-output': 'side-output',
};

/**
 * What the event-time panel draws that the engine does not keep: every component's recent
 * records with their event time and lateness, every instance's watermark and stream time over
 * processing time, and the windows that emitted panes. From time 0, bounded.
 */
export class EventTimeRecorder implements PanelRecorder {
  /** Nothing at all in a job without event time: the engine then need not build these events for it. */
  readonly types: readonly TraceEvent['type'][];
  /** Instance index → component index. */
  private readonly componentOf: number[];
  /** The trace's own process events are kept (no copy per record: the engine runs flat out). */
  private readonly points: Ring<Of<'process'>>[];
  /** What lateness made of the records that were not on time (most were: they need no entry). */
  private readonly lateness = new WeakMap<Of<'process'>, PointStatus>();
  private readonly counts: Counts[];
  private readonly watermarks: Ring<ClockStep>[];
  private readonly streamTimes: Ring<ClockStep>[];
  private readonly windows: Map<string, SeenWindow>[];
  /** Per instance: the lateness verdict on the record it is processing (traced before the record). */
  private readonly verdict: (Of<'late'> | undefined)[];

  constructor(scenario: Scenario) {
    const plan = planJob(scenario.job);
    const timed = eventTimeComponents(scenario.job).length > 0;
    this.types = timed ? ['process', 'late', 'watermark', 'stream-time', 'pane'] : [];
    this.componentOf = plan.instances.map((i) => i.component);
    const perComponent = <T>(make: () => T) => plan.components.map(make);
    const perInstance = <T>(make: () => T) => plan.instances.map(make);
    this.points = perComponent(() => new Ring<Of<'process'>>(POINTS_KEPT));
    this.counts = perComponent(() => ({ 'on-time': 0, late: 0, dropped: 0, 'side-output': 0 }));
    this.windows = perComponent(() => new Map<string, SeenWindow>());
    this.watermarks = perInstance(() => new Ring<ClockStep>(STEPS_KEPT));
    this.streamTimes = perInstance(() => new Ring<ClockStep>(STEPS_KEPT));
    this.verdict = perInstance(() => undefined);
  }

  observe(event: TraceEvent): void {
    switch (event.type) {
      case 'late':
        this.verdict[event.instance] = event;
        break;
      case 'process':
        this.point(event);
        break;
      case 'watermark':
        this.watermarks[event.instance]!.push({ time: event.time, value: event.watermark });
        break;
      case 'stream-time':
        this.streamTimes[event.instance]!.push({ time: event.time, value: event.streamTime });
        break;
      case 'pane':
        this.pane(event);
        break;
    }
  }

  /** The newest points of a component, oldest first. */
  pointsOf(component: number): RecordedPoint[] {
    return this.points[component]!.toArray().map((e) => ({
      id: e.id,
      instance: e.instance,
      key: e.key,
      value: e.value,
      time: e.time,
      eventTime: e.eventTime,
      status: this.lateness.get(e) ?? 'on-time',
    }));
  }

  countsOf(component: number): Readonly<Counts> & { total: number } {
    return { ...this.counts[component]!, total: this.points[component]!.total };
  }

  /** An instance's watermark steps (`watermark`) or stream time steps, oldest first. */
  stepsOf(instance: number, clock: 'watermark' | 'stream-time'): ClockStep[] {
    return (clock === 'watermark' ? this.watermarks : this.streamTimes)[instance]!.toArray();
  }

  windowsOf(component: number): SeenWindow[] {
    return [...this.windows[component]!.values()];
  }

  private point(event: Of<'process'>): void {
    // A failed attempt went into no window: only records the logic took are drawn.
    if (!event.ok) return;
    const verdict = this.verdict[event.instance];
    let status: PointStatus = 'on-time';
    if (verdict !== undefined) {
      this.verdict[event.instance] = undefined;
      if (verdict.id === event.id) status = LATE_STATUS[verdict.outcome];
    }
    const component = this.componentOf[event.instance]!;
    this.counts[component]![status]++;
    if (status !== 'on-time') this.lateness.set(event, status);
    this.points[component]!.push(event);
  }

  private pane(event: Of<'pane'>): void {
    // A retraction takes back a pane under its old bounds: it is not a pane of a window kept now.
    if (event.pane.retraction) return;
    const windows = this.windows[this.componentOf[event.instance]!]!;
    const { start, end } = event.pane;
    const id = `${event.instance}\u0000${event.key}\u0000${start}\u0000${end}`;
    const seen = windows.get(id);
    if (seen !== undefined) {
      seen.panes++;
      return;
    }
    windows.set(id, { instance: event.instance, key: event.key, start, end, panes: 1 });
    if (windows.size > WINDOWS_KEPT) windows.delete(windows.keys().next().value!);
  }
}
