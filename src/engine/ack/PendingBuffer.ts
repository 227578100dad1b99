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
 *
 * Storage: a ring of typed columns indexed by root (roots are numbered in emission order and
 * complete soon), growing when a pending root would be overwritten.
 */
export class PendingBuffer {
  /** The most that were ever in flight at once. */
  max = 0;
  private count = 0;
  private mask = 255;
  private rootAt = new Float64Array(256).fill(-1);
  private partitions = new Int32Array(256);
  private offsets = new Float64Array(256);
  private ids = new Float64Array(256);
  private emitted = new Float64Array(256);
  private attempts = new Int32Array(256);
  private gens = new Int32Array(256);

  get size(): number {
    return this.count;
  }

  add(
    root: number,
    partition: number,
    offset: number,
    id: number,
    emittedAt: number,
    attempt: number,
    gen: number,
  ): void {
    let s = root & this.mask;
    if (this.rootAt[s]! >= 0) {
      this.grow(root);
      s = root & this.mask;
    }
    this.rootAt[s] = root;
    this.partitions[s] = partition;
    this.offsets[s] = offset;
    this.ids[s] = id;
    this.emitted[s] = emittedAt;
    this.attempts[s] = attempt;
    this.gens[s] = gen;
    this.count++;
    if (this.count > this.max) this.max = this.count;
  }

  /** Removes an acked root; returns when it was emitted, or -1 for an unknown root (a late notice). */
  complete(root: number): number {
    const s = root & this.mask;
    if (this.rootAt[s] !== root) return -1;
    this.rootAt[s] = -1;
    this.count--;
    return this.emitted[s]!;
  }

  /** Removes and returns the root's entry; undefined for an unknown root (a late or stale notice). */
  remove(root: number): PendingEntry | undefined {
    const s = root & this.mask;
    if (this.rootAt[s] !== root) return undefined;
    const e = this.read(s);
    this.rootAt[s] = -1;
    this.count--;
    return e;
  }

  /** After the tick to generation `gen`: removes and returns the entries that timed out, oldest first. */
  expire(gen: number): PendingEntry[] {
    const out: PendingEntry[] = [];
    if (this.count === 0) return out;
    for (let s = 0; s <= this.mask; s++) {
      if (this.rootAt[s]! >= 0 && this.gens[s]! <= gen - BUCKETS) {
        out.push(this.read(s));
        this.rootAt[s] = -1;
        this.count--;
      }
    }
    return out.sort((a, b) => a.root - b.root);
  }

  /** Everything pending, oldest first (for the UI and for a crashed source's rewind). */
  list(): PendingEntry[] {
    const out: PendingEntry[] = [];
    for (let s = 0; s <= this.mask; s++) if (this.rootAt[s]! >= 0) out.push(this.read(s));
    return out.sort((a, b) => a.root - b.root);
  }

  clear(): PendingEntry[] {
    const all = this.list();
    this.rootAt.fill(-1);
    this.count = 0;
    return all;
  }

  private read(s: number): PendingEntry {
    return {
      root: this.rootAt[s]!,
      partition: this.partitions[s]!,
      offset: this.offsets[s]!,
      id: this.ids[s]!,
      emittedAt: this.emitted[s]!,
      attempt: this.attempts[s]!,
      gen: this.gens[s]!,
    };
  }

  private write(s: number, e: PendingEntry): void {
    this.rootAt[s] = e.root;
    this.partitions[s] = e.partition;
    this.offsets[s] = e.offset;
    this.ids[s] = e.id;
    this.emitted[s] = e.emittedAt;
    this.attempts[s] = e.attempt;
    this.gens[s] = e.gen;
  }

  /** Doubles the ring until `root` and every pending root have their own slot. */
  private grow(root: number): void {
    const entries = this.list();
    let size = (this.mask + 1) * 2;
    const collides = (mask: number) => {
      const used = new Set<number>([root & mask]);
      for (const e of entries) {
        if (used.has(e.root & mask)) return true;
        used.add(e.root & mask);
      }
      return false;
    };
    while (collides(size - 1)) size *= 2;
    this.mask = size - 1;
    this.rootAt = new Float64Array(size).fill(-1);
    this.partitions = new Int32Array(size);
    this.offsets = new Float64Array(size);
    this.ids = new Float64Array(size);
    this.emitted = new Float64Array(size);
    this.attempts = new Int32Array(size);
    this.gens = new Int32Array(size);
    for (const e of entries) this.write(e.root & this.mask, e);
  }
}
