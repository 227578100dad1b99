import type { StreamRecord } from '../model/elements.ts';
import type { PartitionLog } from './PartitionLog.ts';

/**
 * The reading side of one source instance: the partitions it owns (partition p belongs to instance
 * p mod parallelism, as a consumer group would assign them) and its read position in each.
 * Positions are plain data so checkpoints can save them and recovery can rewind them.
 */
export class SourceReader {
  /** Next offset to read, per owned partition. */
  readonly positions: number[];

  constructor(
    /** Global partition numbers owned by this instance. */
    readonly partitions: readonly number[],
    private readonly logs: readonly PartitionLog[],
  ) {
    this.positions = partitions.map(() => 0);
  }

  /** Index (into `partitions`) of the partition whose next record is available first, or -1. */
  nextPartition(): number {
    if (this.logs.length === 1) return this.logs[0]!.availableAt(this.positions[0]!) === Infinity ? -1 : 0;
    let best = -1;
    let bestTime = Infinity;
    for (let i = 0; i < this.logs.length; i++) {
      const t = this.logs[i]!.availableAt(this.positions[i]!);
      if (t < bestTime) {
        bestTime = t;
        best = i;
      }
    }
    return best;
  }

  /** When the next record becomes available (Infinity at the end of every owned partition). */
  nextAvailableAt(): number {
    if (this.logs.length === 1) return this.logs[0]!.availableAt(this.positions[0]!);
    const i = this.nextPartition();
    return i < 0 ? Infinity : this.logs[i]!.availableAt(this.positions[i]!);
  }

  /** Reads the next record of partition index i and advances its position. */
  read(i: number): StreamRecord {
    return this.logs[i]!.read(this.positions[i]!++);
  }

  /** Moves the read positions (rewind on recovery). */
  seek(positions: readonly number[]): void {
    for (let i = 0; i < this.positions.length; i++) this.positions[i] = positions[i]!;
  }

  /** Records appended but not yet read, at time t (consumer lag). */
  lagAt(t: number): number {
    let lag = 0;
    for (let i = 0; i < this.logs.length; i++) lag += Math.max(0, this.logs[i]!.endOffsetAt(t) - this.positions[i]!);
    return lag;
  }

  /** Log-end offsets at time t, per owned partition. */
  endOffsetsAt(t: number): number[] {
    return this.logs.map((l) => l.endOffsetAt(t));
  }
}
