import { z } from 'zod';
import { Count, Time } from '../common.ts';

/** What the UI asks of the windows panel. */
export const WindowsRequest = z.object({
  /** The window operator to look at; default: the first. */
  component: z.string().optional(),
});
export type WindowsRequest = z.infer<typeof WindowsRequest>;

/** One pane a window emitted. */
export const PaneRow = z.object({
  /** Its number in the run at this operator (1 = the first pane): a stable key. */
  seq: z.number().int().positive(),
  instance: z.string(),
  key: z.string(),
  /** The window [start, end) (±Infinity: the global window). */
  start: Time,
  end: Time,
  /** The aggregate (a list: how many items); null: nothing to aggregate (min, max, average of an empty pane). */
  value: z.number().nullable(),
  /** A list aggregate's items. */
  items: z.array(z.number()).optional(),
  timing: z.enum(['EARLY', 'ON_TIME', 'LATE']),
  /** 0 for the window's first pane, then 1, 2… */
  index: Count,
  /** Accumulating-and-retracting: this pane takes back the window's previous one. */
  retraction: z.boolean(),
  /** Processing time it was emitted at. */
  emittedAt: z.number(),
  /** The window's clock (watermark or stream time) then. */
  clock: Time,
  /**
   * A later pane of the same window that changes its result: accumulating — its value differs from
   * the previous pane's (`previous`); discarding — it adds something to the earlier panes.
   */
  correction: z.object({ previous: z.number().nullable() }).nullable(),
});
export type PaneRow = z.infer<typeof PaneRow>;

/** A record that came too late for every window it belongs to. */
export const Straggler = z.object({
  id: z.number(),
  instance: z.string(),
  key: z.string(),
  value: z.number().nullable(),
  eventTime: z.number(),
  /** Processing time it arrived at. */
  arrivedAt: z.number(),
  /** The window's clock then. */
  clock: Time,
  /** The windows it came too late for. */
  windows: z.array(z.object({ start: Time, end: Time })),
  outcome: z.enum(['dropped', 'side-output']),
});
export type Straggler = z.infer<typeof Straggler>;

/** The window operator's settings that explain its panes. */
export const WindowSettings = z.object({
  window: z.object({
    type: z.enum(['tumbling', 'hopping', 'sliding', 'session', 'global']),
    size: z.number().optional(),
    slide: z.number().optional(),
    gap: z.number().optional(),
  }),
  aggregate: z.string(),
  clock: z.enum(['watermark', 'stream-time']),
  emit: z.enum(['window-close', 'every-update']),
  accumulation: z.enum(['discarding', 'accumulating', 'accumulating-retracting']),
  allowedLateness: z.number(),
  lateData: z.enum(['drop', 'side-output']),
});
export type WindowSettings = z.infer<typeof WindowSettings>;

/** The newest panes sent (the totals count them all). */
export const PANES_SHOWN = 200;
/** The newest stragglers sent. */
export const STRAGGLERS_SHOWN = 10;

/** The windows panel's view: panes by key and window, with their timing, corrections and dropped stragglers. */
export const WindowsView = z.object({
  /** The job's window operators. */
  operators: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The one shown; null when the job has none. */
  component: z.string().nullable(),
  settings: WindowSettings.nullable(),
  /** The newest PANES_SHOWN panes, newest first. */
  panes: z.array(PaneRow),
  /** Since time 0, exact. */
  totals: z.object({
    panes: Count,
    early: Count,
    onTime: Count,
    late: Count,
    retractions: Count,
    corrections: Count,
  }),
  late: z.object({
    /** Dropped as too late (the engine's lateDropped). */
    dropped: Count,
    /** Sent to the late side output. */
    sideOutput: Count,
    /** Accepted within the allowed lateness (each fires a LATE pane on the watermark clock). */
    accepted: Count,
  }),
  /** The newest STRAGGLERS_SHOWN dropped or side-output records, newest first. */
  stragglers: z.array(Straggler),
});
export type WindowsView = z.infer<typeof WindowsView>;
