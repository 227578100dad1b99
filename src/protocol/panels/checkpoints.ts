import { z } from 'zod';
import { Count, Time } from '../common.ts';

/** The newest checkpoints the view lists (the engine's snapshot keeps the same number). */
export const CHECKPOINTS_SHOWN = 50;
/** The newest recoveries the view lists. */
export const RECOVERIES_SHOWN = 20;
/** The transactions of the selected checkpoint the view lists. */
export const TXNS_SHOWN = 32;

/** What the UI asks of the checkpoints panel. */
export const CheckpointsRequest = z.object({
  /** The checkpoint whose instances are laid out (absent or null: the newest one triggered). */
  checkpoint: z.number().int().positive().nullable().optional(),
});
export type CheckpointsRequest = z.infer<typeof CheckpointsRequest>;

/**
 * How a checkpoint ended. `failed`: declined by a task or expired at its timeout — it counts
 * towards the tolerable failures; `subsumed`: a newer checkpoint overtook it (no failure);
 * `aborted`: the job failed over while it was in progress (no failure).
 */
export const CheckpointOutcome = z.enum(['in-progress', 'completed', 'failed', 'subsumed', 'aborted']);
export type CheckpointOutcome = z.infer<typeof CheckpointOutcome>;

/** One checkpoint as the CheckpointCoordinator saw it. */
export const CheckpointLine = z.object({
  id: Count,
  triggeredAt: Time,
  completedAt: Time.nullable(),
  /** When it failed or was aborted (recorded from the trace; null when it did not, or is too old). */
  abortedAt: Time.nullable(),
  outcome: CheckpointOutcome,
  /** Why it did not complete (the engine's words). */
  failure: z.string().nullable(),
  /** The longest alignment of any task, first barrier to last (ms). */
  alignmentMs: Time,
  /** Entries saved by the tasks that acknowledged (offsets, keys, ids, transactions). */
  stateSize: Count,
  /** Tasks that acknowledged, of all tasks. */
  acknowledged: Count,
  tasks: Count,
  /** In progress: when its timeout expires it. */
  expiresAt: Time.nullable(),
  /** Completed and still in the checkpoint store: a failover can restore it. */
  retained: z.boolean(),
});
export type CheckpointLine = z.infer<typeof CheckpointLine>;

/** One instance's part in the selected checkpoint (recorded from the trace's barrier and snapshot events). */
export const InstanceSpan = z.object({
  instance: Count,
  name: z.string(),
  component: z.string(),
  role: z.enum(['source', 'operator', 'sink']),
  /** Input channels the barrier must arrive on (sources: 0, they snapshot at the trigger). */
  inputs: Count,
  /** Barriers of this checkpoint that arrived so far, and when the first did (the alignment's start). */
  barriers: Count,
  firstBarrierAt: Time.nullable(),
  /** The snapshot: taken when the last barrier arrived (then forwarded), or declined by the storage. */
  snapshotAt: Time.nullable(),
  /** What the instance saved, in entries (null: no snapshot yet). */
  size: Count.nullable(),
  declined: z.boolean(),
  /** Sources: the offset saved per partition (null: not a source, or the checkpoint left the store). */
  offsets: z.array(z.object({ partition: Count, offset: Count })).nullable(),
});
export type InstanceSpan = z.infer<typeof InstanceSpan>;

/** A transaction of a two-phase-commit sink, tied to the checkpoint that pre-committed it. */
export const TxnLine = z.object({
  sink: z.string(),
  instance: z.string(),
  txn: Count,
  state: z.enum(['open', 'pre-committed', 'committed', 'aborted', 'expired']),
  rows: Count,
  /** Whether read_committed readers see its rows (committed only). */
  visible: z.boolean(),
});
export type TxnLine = z.infer<typeof TxnLine>;

/** The selected checkpoint, instance by instance. */
export const CheckpointDetail = z.object({
  id: Count,
  /** False: the trace recorder no longer holds it (it keeps the newest CHECKPOINTS_SHOWN). */
  recorded: z.boolean(),
  spans: z.array(InstanceSpan),
  /** Its transactions (at most TXNS_SHOWN; the sinks keep their newest 64 finished ones). */
  transactions: z.array(TxnLine),
});
export type CheckpointDetail = z.infer<typeof CheckpointDetail>;

/** One failover of the job and its restart. */
export const RecoveryLine = z.object({
  at: Time,
  reason: z.string(),
  /** The checkpoint restored (null: none had completed — back to the beginning — or the job failed). */
  restoredCheckpoint: z.number().int().nullable(),
  /** Null: the restart strategy gave up; the job failed. */
  restartedAt: Time.nullable(),
  /** Records the sources read again after this restart (replays with cause `rewind`). */
  replayed: Count,
  /** Transactions the restart aborted (written after the restored checkpoint). */
  abortedTxns: Count,
});
export type RecoveryLine = z.infer<typeof RecoveryLine>;

export const CheckpointingView = z.object({
  mode: z.enum(['exactly-once', 'at-least-once']),
  settings: z.object({
    interval: Time,
    timeout: Time,
    minPause: Time,
    maxConcurrent: Count,
    tolerableFailures: Count,
    retained: Count,
  }),
  job: z.enum(['running', 'restarting', 'failed']),
  /** Failed checkpoints in a row (a completed one resets it); one more than tolerated fails the job over. */
  consecutiveFailures: Count,
  /** Completion notices lost on their way to the tasks. */
  noticesLost: Count,
  /** Over the whole run. */
  totals: z.object({
    triggered: Count,
    completed: Count,
    failed: Count,
    subsumed: Count,
    aborted: Count,
  }),
  /** The newest CHECKPOINTS_SHOWN, oldest first. */
  checkpoints: z.array(CheckpointLine),
  /** The newest RECOVERIES_SHOWN, oldest first. */
  recoveries: z.array(RecoveryLine),
  detail: CheckpointDetail.nullable(),
});
export type CheckpointingView = z.infer<typeof CheckpointingView>;

/** The checkpoints panel's view: the coordinator's timeline, each instance's alignment and snapshot, recoveries. */
export const CheckpointsView = z.object({
  now: Time,
  semantics: z.enum(['at-most-once', 'at-least-once', 'exactly-once']),
  ackMode: z.enum(['acking', 'checkpoint']),
  /** Null: this run takes no checkpoints. */
  checkpointing: CheckpointingView.nullable(),
});
export type CheckpointsView = z.infer<typeof CheckpointsView>;
