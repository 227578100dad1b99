import { BarrierDecision, type BarrierHandler } from './BarrierHandler.ts';

/**
 * Aligned barrier handling (Flink's SingleCheckpointBarrierHandler, exactly-once): when barrier n
 * arrives on an input, that input is blocked — its records wait — until barrier n has arrived on
 * every input; then the task snapshots and forwards the barrier, and every input is unblocked. The
 * snapshot therefore holds exactly the effect of the records before barrier n on every input. One
 * checkpoint at a time: a newer barrier abandons an unfinished alignment.
 */
export class BarrierAligner implements BarrierHandler {
  private current = -1;
  private received = 0;
  private pending = false;
  private startedAt = 0;
  abandoned: number | null = null;
  alignmentMs = 0;

  constructor(private readonly inputs: number) {}

  get aligning(): boolean {
    return this.pending;
  }

  get aligningCheckpoint(): number | null {
    return this.pending ? this.current : null;
  }

  onBarrier(_input: number, checkpointId: number, now: number): BarrierDecision {
    this.abandoned = null;
    if (checkpointId < this.current || (checkpointId === this.current && !this.pending))
      return BarrierDecision.ignore;
    if (checkpointId > this.current) {
      if (this.pending) this.abandoned = this.current;
      this.current = checkpointId;
      this.received = 0;
      this.pending = true;
      this.startedAt = now;
    }
    if (++this.received < this.inputs) return BarrierDecision.block;
    this.pending = false;
    this.alignmentMs = now - this.startedAt;
    return BarrierDecision.complete;
  }

  reset(): void {
    this.current = -1;
    this.received = 0;
    this.pending = false;
    this.abandoned = null;
  }
}
