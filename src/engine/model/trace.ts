import type { PaneInfo } from './elements.ts';
import type { FailureAction } from './types.ts';

/**
 * What the engine did, step by step, for observers (the playground samples these to animate
 * events; tests check them). Emitted only when an observer is attached.
 */
export type TraceEvent =
  | { type: 'read'; time: number; instance: number; partition: number; offset: number; id: number }
  | { type: 'send'; time: number; channel: number; id: number; departure: number; arrival: number }
  /** An instance processed a record that came on `channel` (-1: a source read it); `ok` false: it failed. */
  | {
      type: 'process';
      time: number;
      instance: number;
      channel: number;
      id: number;
      key: string;
      value: number;
      eventTime: number;
      ok: boolean;
    }
  | { type: 'drop'; time: number; channel: number; id: number; reason: 'fault' | 'overflow' }
  | { type: 'lost'; time: number; id: number; where: string; reason: LossReason }
  | { type: 'crash'; time: number; instance: number }
  | { type: 'restart'; time: number; instance: number }
  | { type: 'failure'; time: number; failure: FailureAction }
  /**
   * Acking: the acker received an init (from a source), an ack or a fail (from an operator or
   * sink). `edge` is the tuple's edge id (null for an init), `children` the XOR of the edges it
   * created, `value` the root's ack value afterwards (null when the acker instance is down). A fail
   * XORs nothing: it fails the tree.
   */
  | {
      type: 'ack-init' | 'ack' | 'ack-fail';
      time: number;
      root: number;
      instance: number;
      edge: string | null;
      children: string;
      value: string | null;
      outcome: 'pending' | 'completed' | 'failed';
    }
  /** Checkpointing: checkpoint `id` was triggered at the sources, completed, or aborted (`reason`). */
  | {
      type: 'checkpoint';
      time: number;
      id: number;
      event: 'triggered' | 'completed' | 'aborted';
      reason?: string;
    }
  /**
   * Checkpointing: barrier `id` reached an instance on input channel `channel`. `decision`: ignored
   * (stale), counted without blocking (at-least-once), blocked the channel (aligning), or completed
   * the alignment (the instance snapshotted and forwarded the barrier).
   */
  | {
      type: 'barrier';
      time: number;
      instance: number;
      channel: number;
      id: number;
      decision: 'ignore' | 'wait' | 'block' | 'complete';
    }
  /** Checkpointing: an instance saved its part of checkpoint `id` (`size` entries); declined when storage failed. */
  | { type: 'snapshot'; time: number; instance: number; id: number; size: number; declined: boolean }
  /**
   * A transactional sink's transaction changed state: pre-committed at a barrier, committed, aborted
   * on recovery, or expired by the store (its rows are lost).
   */
  | {
      type: 'txn';
      time: number;
      instance: number;
      txn: number;
      checkpoint: number | null;
      state: 'pre-committed' | 'committed' | 'aborted' | 'expired';
    }
  /** Checkpointing: a failure made the whole job fail over; it will restore `restoredCheckpoint`. */
  | { type: 'failover'; time: number; reason: string; restoredCheckpoint: number | null }
  | { type: 'job-restart'; time: number; restoredCheckpoint: number | null }
  /** Event time: a watermark reached an instance on an input channel. */
  | { type: 'watermark-in'; time: number; instance: number; channel: number; watermark: number }
  /** Event time: an input channel of an instance went idle, or active again. */
  | { type: 'watermark-status'; time: number; instance: number; channel: number; idle: boolean }
  /** Event time: an instance's watermark advanced (and is forwarded): a source's, or the minimum of an operator's inputs. */
  | { type: 'watermark'; time: number; instance: number; watermark: number }
  /**
   * Event time: a window or join judged a record late. `accepted`: it went into a window whose end
   * the clock had passed, within the allowed lateness (a window then fires a LATE pane); too late for
   * every window: `dropped` (counted in `lateDropped`) or sent to the side output (`side-output`).
   * `clock`: the instance's watermark or stream time then; `windows`: the windows concerned,
   * [start, end) (a session: the one it would have merged into; a join: none).
   */
  | {
      type: 'late';
      time: number;
      instance: number;
      id: number;
      key: string;
      value: number;
      eventTime: number;
      clock: number;
      windows: readonly { readonly start: number; readonly end: number }[];
      outcome: LateOutcome;
    }
  /** Event time: a window emitted a pane (the record it sends on carries `pane`). */
  | {
      type: 'pane';
      time: number;
      instance: number;
      id: number;
      key: string;
      value: number;
      eventTime: number;
      pane: PaneInfo;
    }
  /** Event time on the stream-time clock: an instance's stream time changed (after a record; after a restore it may go back). */
  | { type: 'stream-time'; time: number; instance: number; streamTime: number }
  /** Checkpointing: the restart strategy gave up; the job stays down. */
  | { type: 'job-failed'; time: number; reason: string }
  /** Acking: an acker instance crashed; the entries of these roots were lost. */
  | { type: 'acker-crash'; time: number; instance: number; roots: number[] }
  /** Acking: a tuple was emitted with a new edge id, in the tree(s) of `roots`. */
  | { type: 'ack-edge'; time: number; root: number; roots: number[]; edge: string }
  /** Acking: the source heard the verdict on a root (ignored: it had already timed out). */
  | { type: 'root-done'; time: number; root: number; outcome: 'acked' | 'failed' | 'ignored' };

/** What lateness decided about a record (see the `late` trace event). */
export type LateOutcome = 'accepted' | 'dropped' | 'side-output';

/** Why a record was lost. */
export type LossReason =
  | 'crashed-queued'
  | 'crashed-in-flight'
  | 'instance-down'
  | 'processing-failed'
  | 'dropped'
  /** In flight when the job failed for good (its restart strategy gave up). */
  | 'job-failed'
  /** Written into a transaction the store expired before its commit. */
  | 'transaction-expired';

/** The first loss of an event, kept so the output panel can explain every missing record. */
export interface LossRecord {
  readonly id: number;
  readonly time: number;
  /** Instance name (`analyzer#1`) or channel (`source#0 → analyzer#1`). */
  readonly where: string;
  readonly reason: LossReason;
}

export type TraceObserver = (event: TraceEvent) => void;

/** A crash of an operator, source or sink instance, kept so the output panel can explain wrong values. */
export interface CrashRecord {
  readonly time: number;
  /** Instance name (`counter#0`). */
  readonly where: string;
  /** The instance's component. */
  readonly component: string;
  /** Entries of in-memory state (keys, windows, ids) it held and lost (0: it kept none). */
  readonly stateEntries: number;
  /** The keys whose state it lost, when its operator can tell (keyed aggregates, windows). */
  readonly stateKeys?: readonly string[];
}

/** A failure as it was applied to the run (scripted or injected), at the time it took effect. */
export interface AppliedFailure {
  readonly time: number;
  readonly failure: FailureAction;
}

/** A re-emission of an event by its source (at-least-once, exactly-once). */
export interface ReplayRecord {
  readonly id: number;
  readonly time: number;
  /** The source instance that replayed it. */
  readonly where: string;
  /**
   * Why: its tree failed or timed out (acking), or the source rewound to a checkpoint's offsets
   * after a failover (checkpointing).
   */
  readonly cause: 'failed' | 'timed-out' | 'rewind';
  /** Acking: which emission this is (2 = the first replay) and the replay's new root id; else 0 and -1. */
  readonly attempt: number;
  readonly root: number;
  /** Rewind: the checkpoint whose offsets the source went back to (null: the beginning). */
  readonly checkpoint?: number | null;
}
