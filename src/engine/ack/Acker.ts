/**
 * Storm's acker: per root (a source event), the XOR of the ids of the edges of its tuple tree that
 * have been created and not yet acked. Each edge id is XORed in exactly twice — when it is created
 * (in the source's init or in its parent's ack) and when its tuple is acked — so the value returns
 * to 0 exactly when every tuple of the tree has been acked. 64-bit ids are two 32-bit halves.
 *
 * Roots are spread over acker instances (root mod instances). Entries are rotated like Storm's
 * RotatingMap with 3 buckets: an entry untouched for 3 rotations is dropped silently — the
 * source's own timeout is what fails a lost tree.
 */

export const AckOutcome = { pending: 0, completed: 1, failed: 2, ignored: 3 } as const;
export type AckOutcome = (typeof AckOutcome)[keyof typeof AckOutcome];

export interface AckEntry {
  hi: number;
  lo: number;
  /** Source instance to notify; -1 until the init arrives (an ack can come first after a crash). */
  spout: number;
  failed: boolean;
  /** Rotation generation of the last message (for expiry). */
  gen: number;
}

const BUCKETS = 3;

export class Acker {
  private readonly ledgers: Map<number, AckEntry>[];
  private readonly down: boolean[];
  private gen = 0;
  /** The entry touched by the last call (for observers and the UI). */
  last: AckEntry | undefined;

  constructor(readonly instances: number) {
    this.ledgers = Array.from({ length: instances }, () => new Map());
    this.down = Array.from({ length: instances }, () => false);
  }

  instanceOf(root: number): number {
    return root % this.instances;
  }

  isUp(instance: number): boolean {
    return !this.down[instance];
  }

  /** Entries tracked by one instance (for the UI). */
  entries(instance: number): ReadonlyMap<number, AckEntry> {
    return this.ledgers[instance]!;
  }

  get size(): number {
    let n = 0;
    for (const l of this.ledgers) n += l.size;
    return n;
  }

  /** The source emitted `root`; (hi, lo) is the XOR of the edges to its first tuples. */
  init(root: number, hi: number, lo: number, spout: number): AckOutcome {
    const e = this.touch(root);
    if (e === undefined) return AckOutcome.ignored;
    e.hi ^= hi;
    e.lo ^= lo;
    e.spout = spout;
    return this.settle(root, e);
  }

  /** A tuple of the tree was acked: (hi, lo) = its own edge id XOR the ids of the children it emitted. */
  ack(root: number, hi: number, lo: number): AckOutcome {
    const e = this.touch(root);
    if (e === undefined) return AckOutcome.ignored;
    e.hi ^= hi;
    e.lo ^= lo;
    return this.settle(root, e);
  }

  /** A tuple of the tree failed explicitly: the whole tree fails at once. */
  fail(root: number): AckOutcome {
    const e = this.touch(root);
    if (e === undefined) return AckOutcome.ignored;
    e.failed = true;
    return this.settle(root, e);
  }

  /** One tick: entries not touched for 3 ticks are dropped silently. Returns how many. */
  rotate(): number {
    this.gen++;
    let dropped = 0;
    for (const ledger of this.ledgers) {
      for (const [root, e] of ledger) {
        if (e.gen <= this.gen - BUCKETS) {
          ledger.delete(root);
          dropped++;
        }
      }
    }
    return dropped;
  }

  /** The instance crashes: every entry it held is lost; messages to it are lost until it restarts. */
  crash(instance: number): number {
    const lost = this.ledgers[instance]!.size;
    this.ledgers[instance]!.clear();
    this.down[instance] = true;
    return lost;
  }

  restart(instance: number): void {
    this.down[instance] = false;
  }

  /** Gets or creates the entry (an ack or fail may arrive before the init), refreshing its expiry. */
  private touch(root: number): AckEntry | undefined {
    const instance = root % this.instances;
    if (this.down[instance]) return (this.last = undefined);
    const ledger = this.ledgers[instance]!;
    let e = ledger.get(root);
    if (e === undefined) {
      e = { hi: 0, lo: 0, spout: -1, failed: false, gen: this.gen };
      ledger.set(root, e);
    } else e.gen = this.gen;
    return (this.last = e);
  }

  /** Completion (value 0) or failure is reported once, and only when the source is known. */
  private settle(root: number, e: AckEntry): AckOutcome {
    if (e.spout < 0) return AckOutcome.pending;
    if (e.failed) {
      this.ledgers[root % this.instances]!.delete(root);
      return AckOutcome.failed;
    }
    if (e.hi === 0 && e.lo === 0) {
      this.ledgers[root % this.instances]!.delete(root);
      return AckOutcome.completed;
    }
    return AckOutcome.pending;
  }
}
