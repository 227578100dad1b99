/**
 * Barrier handling without alignment (Flink's CheckpointBarrierTracker, the at-least-once mode):
 * an instance never blocks an input; it counts, per checkpoint, the input channels that delivered
 * the barrier, and takes its snapshot when all of them have. Records that arrive after a channel's
 * barrier are processed at once — so after a restore they are processed again (duplicates).
 *
 * A kernel: data in, decision out; the engine forwards the barrier and acknowledges.
 */
export class BarrierTracker {
  /** Checkpoint id → number of input channels that delivered its barrier. */
  private readonly counts = new Map<number, number>();
  /** The newest checkpoint this instance snapshotted (older barriers are stale). */
  private lastTriggered = -1;

  constructor(private readonly inputs: number) {}

  /**
   * A barrier arrived on one input channel. Returns true when it was the last one missing: the
   * instance snapshots now and forwards the barrier.
   */
  onBarrier(checkpointId: number): boolean {
    if (checkpointId <= this.lastTriggered) return false;
    const n = (this.counts.get(checkpointId) ?? 0) + 1;
    if (n < this.inputs) {
      this.counts.set(checkpointId, n);
      return false;
    }
    // Complete: this checkpoint and every older one still counting are settled (subsumed).
    for (const id of [...this.counts.keys()]) if (id <= checkpointId) this.counts.delete(id);
    this.lastTriggered = checkpointId;
    return true;
  }

  /** Forgets every checkpoint in progress (the job restarted). */
  reset(): void {
    this.counts.clear();
  }
}
