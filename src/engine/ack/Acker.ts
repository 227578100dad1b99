/**
 * Storm's acker: per root (a source event), the XOR of the ids of the edges of its tuple tree that
 * have been created and not yet acked. Each edge id is XORed in exactly twice — when it is created
 * (in the source's init or in its parent's ack) and when its tuple is acked — so the value returns
 * to 0 exactly when every tuple of the tree has been acked. 64-bit ids are two 32-bit halves.
 *
 * Roots are spread over acker instances (root mod instances). Entries are rotated like Storm's
 * RotatingMap with 3 buckets: an entry untouched for 3 rotations is dropped silently — the
 * source's own timeout is what fails a lost tree.
 *
 * Storage: roots are numbered in emission order and live briefly, so the ledger is a ring of typed
 * columns indexed by root (no objects, no hashing); it grows when a live root would be overwritten.
 */

export const AckOutcome = { pending: 0, completed: 1, failed: 2, ignored: 3 } as const;
export type AckOutcome = (typeof AckOutcome)[keyof typeof AckOutcome];

/** An entry as the UI sees it. */
export interface AckEntry {
  readonly root: number;
  readonly hi: number;
  readonly lo: number;
  /** Source instance to notify; -1 until the init arrives (an ack can come first after a crash). */
  readonly spout: number;
  readonly failed: boolean;
}

const BUCKETS = 3;

export class Acker {
  private readonly down: boolean[];
  /** Whether any instance is down (so the hot path skips the per-root check otherwise). */
  private anyDown = false;
  private gen = 0;
  private live = 0;
  // Columns, indexed by root & mask. rootAt is -1 for a free slot.
  private mask = 1023;
  private rootAt = new Float64Array(1024).fill(-1);
  private his = new Int32Array(1024);
  private los = new Int32Array(1024);
  private spouts = new Int32Array(1024);
  private faileds = new Uint8Array(1024);
  private gens = new Int32Array(1024);
  /** Value of the entry touched by the last call (for observers and the UI); the spout it reports to. */
  lastHi = 0;
  lastLo = 0;
  lastSpout = -1;
  /** False when the last call found the acker instance down (nothing recorded). */
  lastRecorded = false;

  constructor(readonly instances: number) {
    this.down = Array.from({ length: instances }, () => false);
  }

  instanceOf(root: number): number {
    return this.instances === 1 ? 0 : root % this.instances;
  }

  isUp(instance: number): boolean {
    return !this.down[instance];
  }

  /** Entries currently tracked (all instances). */
  get size(): number {
    return this.live;
  }

  /** Entries tracked by one instance, by root (for the UI; not on the hot path). */
  entries(instance: number): AckEntry[] {
    const out: AckEntry[] = [];
    for (let s = 0; s <= this.mask; s++) {
      const root = this.rootAt[s]!;
      if (root < 0 || this.instanceOf(root) !== instance) continue;
      out.push({
        root,
        hi: this.his[s]!,
        lo: this.los[s]!,
        spout: this.spouts[s]!,
        failed: this.faileds[s] === 1,
      });
    }
    return out.sort((a, b) => a.root - b.root);
  }

  /** The source emitted `root`; (hi, lo) is the XOR of the edges to its first tuples. */
  init(root: number, hi: number, lo: number, spout: number): AckOutcome {
    const s = this.touch(root);
    if (s < 0) return AckOutcome.ignored;
    this.his[s]! ^= hi;
    this.los[s]! ^= lo;
    this.spouts[s] = spout;
    return this.settle(s);
  }

  /** A tuple of the tree was acked: (hi, lo) = its own edge id XOR the ids of the children it emitted. */
  ack(root: number, hi: number, lo: number): AckOutcome {
    const s = this.touch(root);
    if (s < 0) return AckOutcome.ignored;
    this.his[s]! ^= hi;
    this.los[s]! ^= lo;
    return this.settle(s);
  }

  /** A tuple of the tree failed explicitly: the whole tree fails at once. */
  fail(root: number): AckOutcome {
    const s = this.touch(root);
    if (s < 0) return AckOutcome.ignored;
    this.faileds[s] = 1;
    return this.settle(s);
  }

  /** One tick: entries not touched for 3 ticks are dropped silently. Returns how many. */
  rotate(): number {
    this.gen++;
    let dropped = 0;
    for (let s = 0; s <= this.mask; s++) {
      if (this.rootAt[s]! >= 0 && this.gens[s]! <= this.gen - BUCKETS) {
        this.free(s);
        dropped++;
      }
    }
    return dropped;
  }

  /** The instance crashes: every entry it held is lost; messages to it are lost until it restarts. */
  crash(instance: number): number[] {
    const lost: number[] = [];
    for (let s = 0; s <= this.mask; s++) {
      const root = this.rootAt[s]!;
      if (root >= 0 && this.instanceOf(root) === instance) {
        lost.push(root);
        this.free(s);
      }
    }
    this.down[instance] = true;
    this.anyDown = true;
    return lost;
  }

  restart(instance: number): void {
    this.down[instance] = false;
    this.anyDown = this.down.some((d) => d);
  }

  /**
   * Finds or creates the root's slot (an ack or fail may arrive before the init), refreshing its
   * expiry. Returns -1 when its acker instance is down.
   */
  private touch(root: number): number {
    if (this.anyDown && this.down[this.instanceOf(root)]) {
      this.lastRecorded = false;
      return -1;
    }
    let s = root & this.mask;
    const at = this.rootAt[s]!;
    if (at !== root) {
      if (at >= 0) {
        this.grow(root);
        s = root & this.mask;
      }
      this.rootAt[s] = root;
      this.his[s] = 0;
      this.los[s] = 0;
      this.spouts[s] = -1;
      this.faileds[s] = 0;
      this.live++;
    }
    this.gens[s] = this.gen;
    this.lastRecorded = true;
    return s;
  }

  /** Completion (value 0) or failure is reported once, and only when the source is known. */
  private settle(s: number): AckOutcome {
    this.lastHi = this.his[s]!;
    this.lastLo = this.los[s]!;
    this.lastSpout = this.spouts[s]!;
    if (this.lastSpout < 0) return AckOutcome.pending;
    if (this.faileds[s] === 1) {
      this.free(s);
      return AckOutcome.failed;
    }
    if (this.lastHi === 0 && this.lastLo === 0) {
      this.free(s);
      return AckOutcome.completed;
    }
    return AckOutcome.pending;
  }

  private free(s: number): void {
    this.rootAt[s] = -1;
    this.live--;
  }

  /** Doubles the ring until `root` and every live root have their own slot. */
  private grow(root: number): void {
    const old = {
      rootAt: this.rootAt,
      his: this.his,
      los: this.los,
      spouts: this.spouts,
      faileds: this.faileds,
      gens: this.gens,
    };
    let size = (this.mask + 1) * 2;
    for (;;) {
      const mask = size - 1;
      const used = new Set<number>([root & mask]);
      let fits = true;
      for (let s = 0; s < old.rootAt.length && fits; s++) {
        const r = old.rootAt[s]!;
        if (r < 0) continue;
        if (used.has(r & mask)) fits = false;
        used.add(r & mask);
      }
      if (fits) break;
      size *= 2;
    }
    this.mask = size - 1;
    this.rootAt = new Float64Array(size).fill(-1);
    this.his = new Int32Array(size);
    this.los = new Int32Array(size);
    this.spouts = new Int32Array(size);
    this.faileds = new Uint8Array(size);
    this.gens = new Int32Array(size);
    for (let s = 0; s < old.rootAt.length; s++) {
      const r = old.rootAt[s]!;
      if (r < 0) continue;
      const t = r & this.mask;
      this.rootAt[t] = r;
      this.his[t] = old.his[s]!;
      this.los[t] = old.los[s]!;
      this.spouts[t] = old.spouts[s]!;
      this.faileds[t] = old.faileds[s]!;
      this.gens[t] = old.gens[s]!;
    }
  }
}
