/** What a task does with a barrier that just arrived on one of its inputs. */
export const BarrierDecision = {
  /** Stale or already handled: nothing to do. */
  ignore: 0,
  /** Counted; the task keeps reading every input (no alignment). */
  wait: 1,
  /** Counted; the input that delivered it is blocked until the alignment completes. */
  block: 2,
  /** It was the last one missing: snapshot now, forward the barrier, unblock every input. */
  complete: 3,
} as const;
export type BarrierDecision = (typeof BarrierDecision)[keyof typeof BarrierDecision];

/**
 * A task's barrier handling (Flink's CheckpointBarrierHandler): a kernel that keeps the state of the
 * checkpoint in progress and decides; the engine blocks, snapshots and forwards.
 */
export interface BarrierHandler {
  onBarrier(input: number, checkpointId: number, now: number): BarrierDecision;
  /** Set by onBarrier when a newer barrier abandoned an unfinished alignment (its checkpoint id). */
  readonly abandoned: number | null;
  /** Alignment time of the last completed checkpoint (first barrier to last). */
  readonly alignmentMs: number;
  /** Whether the task is aligning now (some inputs blocked). */
  readonly aligning: boolean;
  /** The checkpoint it is aligning now (null: none). */
  readonly aligningCheckpoint: number | null;
  /** Forgets everything (the job restarted). */
  reset(): void;
}
