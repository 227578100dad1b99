import { z } from 'zod';
import { Count, Time } from '../common.ts';

/** What the UI asks of the lineage panel: the event (lineage id) to follow; null: none chosen. */
export const LineageRequest = z.object({ event: z.number().int().nonnegative().nullable().optional() });
export type LineageRequest = z.infer<typeof LineageRequest>;

/** One time an instance ran its logic on the event. */
export const LineageStep = z.object({
  time: Time,
  /** Instance name (`analyzer#1`). */
  instance: z.string(),
  /** The logic succeeded (delivered) or failed. */
  ok: z.boolean(),
  /** The value the instance received. */
  value: z.number(),
});
export type LineageStep = z.infer<typeof LineageStep>;

/** The event at one component: the book's counters (exact, from the engine) and the steps recorded. */
export const LineageComponent = z.object({
  id: z.string(),
  role: z.enum(['source', 'operator', 'sink']),
  processed: Count,
  delivered: Count,
  steps: z.array(LineageStep),
});
export type LineageComponent = z.infer<typeof LineageComponent>;

/** A read of the event by its source: the first, or a replay; and the checkpoint it belongs to. */
export const LineageRead = z.object({
  time: Time,
  instance: z.string(),
  partition: Count,
  offset: Count,
  /**
   * Checkpointing: the checkpoint whose barrier followed this read at the source — the snapshot
   * that covers the event's effects (null: not triggered yet). Absent without checkpoints.
   */
  epoch: z
    .object({
      checkpoint: z.number().int().nullable(),
      state: z.enum(['pending', 'completed', 'failed', 'not-triggered']),
    })
    .optional(),
});
export type LineageRead = z.infer<typeof LineageRead>;

/** One of the event's trees in the acknowledger (acking only): the first emission or a replay. */
export const LineageTree = z.object({
  root: Count,
  attempt: Count,
  status: z.enum(['pending', 'acked', 'failed', 'timed-out', 'lost']),
  emittedAt: Time,
  completedAt: Time.nullable(),
  edges: Count,
});
export type LineageTree = z.infer<typeof LineageTree>;

/** The lineage panel's view: one event's way through the job, as the engine recorded it. */
export const LineageView = z.object({
  event: z.number().int().nullable(),
  /** The record as its source read it (null: the run has not read it, or not recently enough to say). */
  record: z.object({ key: z.string(), value: z.number(), eventTime: Time }).nullable(),
  /** Every component in the job's order, with the event's counters and recorded steps there. */
  components: z.array(LineageComponent),
  reads: z.array(LineageRead),
  losses: z.array(z.object({ time: Time, where: z.string(), reason: z.string() })),
  replays: z.array(
    z.object({
      time: Time,
      where: z.string(),
      cause: z.enum(['failed', 'timed-out', 'rewind']),
      attempt: Count,
      checkpoint: z.number().int().nullable(),
    }),
  ),
  /** Acking: its trees; null when the run does not ack. */
  trees: z.array(LineageTree).nullable(),
  /** What the sinks hold of it: here, and in the failure-free run at the time of the last accuracy. */
  sinks: z.array(z.object({ sink: z.string(), written: z.array(z.number()), expected: z.array(z.number()) })),
  /**
   * Steps are recorded for the most recent events only (a bounded window): true when some of this
   * event's steps are older than that window (the counters stay exact).
   */
  truncated: z.boolean(),
  /** Events the sinks wrote most recently, newest first (quick picks). */
  recent: z.array(Count),
});
export type LineageView = z.infer<typeof LineageView>;
