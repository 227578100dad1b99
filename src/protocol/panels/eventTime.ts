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

/** A record arriving at the component: processed at `time` (processing time), with its event time. */
export const EventTimePoint = z.object({
  /** Lineage id of the event. */
  id: z.number(),
  /** The instance that processed it (`team-sums#0`). */
  instance: z.string(),
  key: z.string(),
  /** null: a tombstone (no value). */
  value: z.number().nullable(),
  time: z.number(),
  eventTime: z.number(),
  status: PointStatus,
});
export type EventTimePoint = z.infer<typeof EventTimePoint>;

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
  points: z.array(EventTimePoint),
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
