import { z } from 'zod';
import { Count, Time } from '../common.ts';

/** Which rows the panel lists: the anomalies (missing, duplicated, wrong), every row, or one class. */
export const OutputShow = z.enum(['anomalies', 'all', 'correct', 'missing', 'duplicated', 'wrong']);
export type OutputShow = z.infer<typeof OutputShow>;

/** What the UI asks of the output panel. */
export const OutputRequest = z.object({
  /** The sink to compare (default: the job's first sink). */
  sink: z.string().optional(),
  /** Which rows to list (default: the anomalies). */
  show: OutputShow.optional(),
});
export type OutputRequest = z.infer<typeof OutputRequest>;

export const RowClass = z.enum(['correct', 'missing', 'duplicated', 'wrong']);
export type RowClass = z.infer<typeof RowClass>;

/** A sink's rows counted by class, as the accuracy counts them. */
export const OutputCounts = z.object({
  /** Rows the failure-free run wrote (upsert: keys). */
  expected: Count,
  /** Rows this run wrote (transactional: committed ones). */
  actual: Count,
  correct: Count,
  missing: Count,
  duplicated: Count,
  wrong: Count,
});
export type OutputCounts = z.infer<typeof OutputCounts>;

/** One side of an aligned row: a sink row's value, its event and when it was written. */
export const OutputCell = z.object({
  /** A tombstone's value is NaN. */
  value: z.union([z.number(), z.nan()]),
  event: Count,
  at: Time,
  /** Upsert sinks: how many writes the key received. */
  writes: Count.optional(),
});
export type OutputCell = z.infer<typeof OutputCell>;

/** Why a row is an anomaly, from the engine's records ("no recorded cause" when none fits). */
export const OutputWhy = z.object({
  cause: z.enum(['lost', 'not-yet', 'replayed', 'state-lost', 'none']),
  text: z.string(),
  /** The event the cause is about, when another than the row's own (an earlier event of its key). */
  event: Count.optional(),
});
export type OutputWhy = z.infer<typeof OutputWhy>;

/** A row of the sink's output beside the failure-free run's. */
export const OutputRow = z.object({
  class: RowClass,
  /** What the row is about: its key (a window's pane: key and window). */
  key: z.string(),
  expected: OutputCell.nullable(),
  actual: OutputCell.nullable(),
  /** The row's event (this run's row, else the failure-free one's): what the lineage panel traces. */
  event: Count,
  /** Null for a correct row. */
  why: OutputWhy.nullable(),
});
export type OutputRow = z.infer<typeof OutputRow>;

/** A row in a transaction not committed yet: read_committed readers do not see it, it is not output. */
export const UncommittedRow = z.object({
  txn: Count,
  instance: Count,
  state: z.enum(['open', 'pre-committed']),
  /** The checkpoint that pre-committed its transaction (null: still open). */
  checkpoint: Count.nullable(),
  key: z.string(),
  value: z.union([z.number(), z.nan()]),
  event: Count,
  at: Time,
});
export type UncommittedRow = z.infer<typeof UncommittedRow>;

/** Most rows listed (and uncommitted rows): a frame is built ~60 times a second. */
export const OUTPUT_MAX_ROWS = 200;
/** Most causes listed. */
export const OUTPUT_MAX_CAUSES = 12;

/** The output panel's view: a sink's output beside the failure-free run's, every anomaly explained. */
export const OutputView = z.object({
  /** The job's sinks, with their accuracy at `time`. */
  sinks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['append', 'upsert', 'transactional']),
      accuracy: OutputCounts.nullable(),
    }),
  ),
  /** The sink shown; null when the job has none. */
  sink: z.string().nullable(),
  /** Virtual time of the comparison shown (the accuracy's); null until one is made for this sink. */
  time: Time.nullable(),
  /** Whether the run has moved on since that comparison (it is playing: the next one follows). */
  behind: z.boolean(),
  /** Append and transactional sinks are compared by key and value (as multisets), upsert tables by key. */
  alignedBy: z.enum(['key and value', 'key']),
  show: OutputShow,
  /** The shown sink's rows by class; equal to its accuracy. */
  totals: OutputCounts.nullable(),
  /** Rows of the class(es) shown, in all (exact); `rows` lists the first OUTPUT_MAX_ROWS. */
  matching: Count,
  /** Anomalies first (missing, duplicated, wrong, each in write order), then correct rows. */
  rows: z.array(OutputRow).max(OUTPUT_MAX_ROWS),
  /** The anomalies counted by cause, most first (at most OUTPUT_MAX_CAUSES). */
  causes: z.array(z.object({ class: RowClass, summary: z.string(), count: Count })).max(OUTPUT_MAX_CAUSES),
  /** Transactional sinks: committed and uncommitted rows and transactions; null for other sinks. */
  transactions: z
    .object({
      committedRows: Count,
      uncommittedRows: Count,
      committedTxns: Count,
      abortedTxns: Count,
      expiredTxns: Count,
      lostRows: Count,
      /** The first OUTPUT_MAX_ROWS rows of the unfinished transactions, oldest first. */
      uncommitted: z.array(UncommittedRow).max(OUTPUT_MAX_ROWS),
    })
    .nullable(),
});
export type OutputView = z.infer<typeof OutputView>;
