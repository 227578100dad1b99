import type { LogItem, PartitionLog } from './PartitionLog.ts';

/**
 * The reading side of one source instance: the partitions it owns (partition p belongs to instance
 * p mod parallelism, as a consumer group would assign them) and its read position in each.
 * Positions are plain data so checkpoints can save them and recovery can rewind them.
 */
export class SourceReader {
  /** Next offset to read, per owned partition. */
  readonly positions: number[];
  /** The furthest each position has been: an offset below it is being read again. */
  readonly highWater: number[];
  /** Cached: which partition to read next and when its record is available. */
  private next = -1;
  private nextTime = Infinity;

  constructor(
    /** Global partition numbers owned by this instance. */
    readonly partitions: readonly number[],
    private readonly logs: readonly PartitionLog[],
  ) {
    this.positions = partitions.map(() => 0);
    this.highWater = partitions.map(() => 0);
    this.refresh();
  }

  /** Index (into `partitions`) of the partition whose next record is available first, or -1. */
  nextPartition(): number {
    return this.next;
  }

  /** When the next record becomes available (Infinity at the end of every owned partition). */
  nextAvailableAt(): number {
    return this.nextTime;
  }

  /** Reads the next record (or marker) of partition index i and advances its position. */
  read(i: number): LogItem {
    const offset = this.positions[i]!++;
    if (offset >= this.highWater[i]!) this.highWater[i] = offset + 1;
    const record = this.logs[i]!.read(offset);
    this.refresh();
    return record;
  }

  /** Reads the record at an earlier offset again, without moving the position (a replay). */
  reread(i: number, offset: number): LogItem {
    return this.logs[i]!.read(offset);
  }

  /** Whether partition index i has nothing more to read, ever (the end of a bounded log). */
  exhausted(i: number): boolean {
    return this.logs[i]!.availableAt(this.positions[i]!) === Infinity;
  }

  /** Moves the read positions (rewind on recovery). */
  seek(positions: readonly number[]): void {
    for (let i = 0; i < this.positions.length; i++) this.positions[i] = positions[i]!;
    this.refresh();
  }

  private refresh(): void {
    if (this.logs.length === 1) {
      this.nextTime = this.logs[0]!.availableAt(this.positions[0]!);
      this.next = this.nextTime === Infinity ? -1 : 0;
      return;
    }
    let best = -1;
    let bestTime = Infinity;
    for (let i = 0; i < this.logs.length; i++) {
      const t = this.logs[i]!.availableAt(this.positions[i]!);
      if (t < bestTime) {
        bestTime = t;
        best = i;
      }
    }
    this.next = best;
    this.nextTime = bestTime;
  }

  /** Records appended but not yet read, at time t (consumer lag). */
  lagAt(t: number): number {
    let lag = 0;
    for (let i = 0; i < this.logs.length; i++)
      lag += Math.max(0, this.logs[i]!.endOffsetAt(t) - this.positions[i]!);
    return lag;
  }

  /** Log-end offsets at time t, per owned partition. */
  endOffsetsAt(t: number): number[] {
    return this.logs.map((l) => l.endOffsetAt(t));
  }
}
