import { BarrierDecision, type BarrierHandler } from './BarrierHandler.ts';

/**
 * Barrier handling without alignment (Flink's CheckpointBarrierTracker, the at-least-once mode):
 * a task never blocks an input; it counts, per checkpoint, the inputs that delivered the barrier,
 * and takes its snapshot when all of them have. Records that arrive after an input's barrier are
 * processed at once — so after a restore they are processed again (duplicates).
 */
export class BarrierTracker implements BarrierHandler {
  /** Checkpoint id → number of inputs that delivered its barrier. */
  private readonly counts = new Map<number, number>();
  /** The newest checkpoint this task snapshotted (older barriers are stale). */
  private lastTriggered = -1;
  readonly abandoned = null;
  readonly alignmentMs = 0;
  readonly aligning = false;
  readonly aligningCheckpoint = null;

  constructor(private readonly inputs: number) {}

  onBarrier(_input: number, checkpointId: number): BarrierDecision {
    if (checkpointId <= this.lastTriggered) return BarrierDecision.ignore;
    const n = (this.counts.get(checkpointId) ?? 0) + 1;
    if (n < this.inputs) {
      this.counts.set(checkpointId, n);
      return BarrierDecision.wait;
    }
    // Complete: this checkpoint and every older one still counting are settled (subsumed).
    for (const id of [...this.counts.keys()]) if (id <= checkpointId) this.counts.delete(id);
    this.lastTriggered = checkpointId;
    return BarrierDecision.complete;
  }

  reset(): void {
    this.counts.clear();
    this.lastTriggered = -1;
  }
}
