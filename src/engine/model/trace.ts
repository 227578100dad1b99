import type { FailureAction } from './types.ts';

/**
 * What the engine did, step by step, for observers (the playground samples these to animate
 * events; tests check them). Emitted only when an observer is attached.
 */
export type TraceEvent =
  | { type: 'read'; time: number; instance: number; partition: number; offset: number; id: number }
  | { type: 'send'; time: number; channel: number; id: number; departure: number; arrival: number }
  | { type: 'process'; time: number; instance: number; id: number; ok: boolean }
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
  /** Checkpointing: checkpoint `id` was triggered at the sources, or completed. */
  | { type: 'checkpoint'; time: number; id: number; event: 'triggered' | 'completed' }
  /** Checkpointing: a failure made the whole job fail over; it will restore `restoredCheckpoint`. */
  | { type: 'failover'; time: number; reason: string; restoredCheckpoint: number | null }
  | { type: 'job-restart'; time: number; restoredCheckpoint: number | null }
  /** Acking: an acker instance crashed; the entries of these roots were lost. */
  | { type: 'acker-crash'; time: number; instance: number; roots: number[] }
  /** Acking: a tuple was emitted with a new edge id, in the tree(s) of `roots`. */
  | { type: 'ack-edge'; time: number; root: number; roots: number[]; edge: string }
  /** Acking: the source heard the verdict on a root (ignored: it had already timed out). */
  | { type: 'root-done'; time: number; root: number; outcome: 'acked' | 'failed' | 'ignored' };

/** Why a record was lost. */
export type LossReason =
  'crashed-queued' | 'crashed-in-flight' | 'instance-down' | 'processing-failed' | 'dropped';

/** The first loss of an event, kept so the output panel can explain every missing record. */
export interface LossRecord {
  readonly id: number;
  readonly time: number;
  /** Instance name (`analyzer#1`) or channel (`source#0 → analyzer#1`). */
  readonly where: string;
  readonly reason: LossReason;
}

export type TraceObserver = (event: TraceEvent) => void;

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
