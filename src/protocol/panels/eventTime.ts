import { z } from 'zod';
import { Count, Time } from '../common.ts';

/** What the UI asks of the eventTime panel. */
export const EventTimeRequest = z.object({
  /** The component to look at; default: the first window or join, else the first component with event time. */
  component: z.string().optional(),
});
export type EventTimeRequest = z.infer<typeof EventTimeRequest>;

/**
 * What lateness made of a record at the component: on time; late but accepted (it went into a
 * window whose end the clock had passed, within the allowed lateness or grace); dropped as too late
 * for every window; or sent to the late side output.
 */
export const PointStatus = z.enum(['on-time', 'late', 'dropped', 'side-output']);
export type PointStatus = z.infer<typeof PointStatus>;

/**
 * The records arriving at the component, as columns (entry i of each is record i, oldest first): a
 * frame carries up to POINTS_SHOWN of them about 60 times a second, and columns of numbers cost a
 * fraction of objects to clone. `pointList` gives them as objects.
 */
export const EventTimePoints = z.object({
  /** Lineage ids of the events. */
  id: z.array(z.number()),
  /** The instance that processed each: its position in the view's `instances`. */
  instance: z.array(z.number().int().nonnegative()),
  key: z.array(z.string()),
  /** null: a tombstone (no value). */
  value: z.array(z.number().nullable()),
  /** Processing time: when the instance processed it. */
  time: z.array(z.number()),
  eventTime: z.array(z.number()),
  status: z.array(PointStatus),
});
export type EventTimePoints = z.infer<typeof EventTimePoints>;

/** A record arriving at the component, as one object. */
export interface EventTimePoint {
  readonly id: number;
  /** The instance's name (`team-sums#0`). */
  readonly instance: string;
  readonly key: string;
  readonly value: number | null;
  readonly time: number;
  readonly eventTime: number;
  readonly status: PointStatus;
}

/** One instance's clock over processing time, as a step line. */
export const InstanceClock = z.object({
  name: z.string(),
  /**
   * From processing time `time` on, the clock read `value` (+Infinity: the final watermark). Oldest
   * first; the steps within the points' time span, and the one before it (at most 400, the newest).
   */
  steps: z.array(z.object({ time: z.number(), value: Time })),
  /** The engine's value now (its snapshot's); null: none yet. */
  current: Time.nullable(),
  /** Every input of the instance is idle (it does not hold event time back). */
  idle: z.boolean(),
});
export type InstanceClock = z.infer<typeof InstanceClock>;

/**
 * A window of one key at one instance: open (the clock has not passed its end), fired (it has, and
 * the window is kept for late records), purged (its state is gone), merged (a session that became
 * part of a larger one).
 */
export const WindowBand = z.object({
  instance: z.string(),
  key: z.string(),
  start: Time,
  end: Time,
  state: z.enum(['open', 'fired', 'purged', 'merged']),
  /** Panes it emitted so far. */
  panes: Count,
});
export type WindowBand = z.infer<typeof WindowBand>;

/** A source upstream of the component and how it makes watermarks (the document's setting). */
export const SourceStrategy = z.object({
  id: z.string(),
  name: z.string(),
  strategy: z.enum(['none', 'bounded-out-of-orderness', 'punctuated']),
  /** Bounded out-of-orderness: the bound, ms. */
  bound: z.number().nullable(),
});
export type SourceStrategy = z.infer<typeof SourceStrategy>;

/** Records seen at the component, by status, since time 0 (exact, unlike the bounded points). */
export const PointCounts = z.object({
  total: Count,
  onTime: Count,
  late: Count,
  dropped: Count,
  sideOutput: Count,
});
export type PointCounts = z.infer<typeof PointCounts>;

/** The most recent points sent (older ones are counted, not drawn). */
export const POINTS_SHOWN = 1000;
/** The most windows sent: the newest by end. */
export const WINDOWS_SHOWN = 200;

/** The eventTime panel's view: records by processing time (x) and event time (y), the clock per instance, windows, late records. */
export const EventTimeView = z.object({
  /** The components that have event time (one can be picked). */
  components: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  /** The component shown; null when the job has no event time. */
  component: z.string().nullable(),
  /** The clock the component goes by: watermarks, or stream time (Kafka Streams). */
  clock: z.enum(['watermark', 'stream-time']).nullable(),
  /** Virtual time now. */
  now: z.number(),
  /** The newest POINTS_SHOWN records, oldest first. */
  points: EventTimePoints,
  counts: PointCounts,
  instances: z.array(InstanceClock),
  /** Windows kept or seen (window operators), at most WINDOWS_SHOWN, by start. */
  windows: z.array(WindowBand),
  windowsTotal: Count,
  /** Late records dropped here (the engine's lateDropped). */
  lateDropped: Count,
  /** Window or join: its allowed lateness or grace, ms. */
  allowedLateness: z.number().nullable(),
  /** The sources upstream, with their watermark strategy. */
  sources: z.array(SourceStrategy),
});
export type EventTimeView = z.infer<typeof EventTimeView>;

/** The view's records as objects, oldest first. */
export function pointList(view: Pick<EventTimeView, 'points' | 'instances'>): EventTimePoint[] {
  const p = view.points;
  return p.id.map((id, i) => ({
    id,
    instance: view.instances[p.instance[i]!]?.name ?? '',
    key: p.key[i]!,
    value: p.value[i]!,
    time: p.time[i]!,
    eventTime: p.eventTime[i]!,
    status: p.status[i]!,
  }));
}
