/** One emitted event waiting for its tree to complete (Storm's spout pending map). */
export interface PendingEntry {
  readonly root: number;
  /** Index into the source reader's partitions, and the offset: the message id to replay. */
  readonly partition: number;
  readonly offset: number;
  /** Lineage id of the record. */
  readonly id: number;
  readonly emittedAt: number;
  /** 1 for the first emission, +1 per replay. */
  readonly attempt: number;
  /** Rotation generation when emitted (for the timeout). */
  readonly gen: number;
}

const BUCKETS = 2;

/**
 * A source instance's pending buffer: every root in flight, by root id, until the acker reports
 * it complete or failed. It rotates like Storm's spout RotatingMap with 2 buckets, so a root that
 * stays pending is timed out between one and two timeouts after its emission.
 */
export class PendingBuffer {
  private readonly entries = new Map<number, PendingEntry>();
  /** The most that were ever in flight at once. */
  max = 0;

  get size(): number {
    return this.entries.size;
  }

  add(entry: PendingEntry): void {
    this.entries.set(entry.root, entry);
    if (this.entries.size > this.max) this.max = this.entries.size;
  }

  /** Removes and returns the root's entry; undefined for an unknown root (a late or stale notice). */
  remove(root: number): PendingEntry | undefined {
    const e = this.entries.get(root);
    if (e !== undefined) this.entries.delete(root);
    return e;
  }

  /** After the tick to generation `gen`: removes and returns the entries that timed out. */
  expire(gen: number): PendingEntry[] {
    const out: PendingEntry[] = [];
    for (const [root, e] of this.entries) {
      if (e.gen <= gen - BUCKETS) {
        this.entries.delete(root);
        out.push(e);
      }
    }
    return out;
  }

  /** Everything pending, oldest first (for the UI and for a crashed source's rewind). */
  list(): PendingEntry[] {
    return [...this.entries.values()];
  }

  clear(): PendingEntry[] {
    const all = this.list();
    this.entries.clear();
    return all;
  }
}
