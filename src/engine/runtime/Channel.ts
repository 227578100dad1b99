import type { StreamElement } from '../model/elements.ts';
import type { Anchor } from '../ack/anchors.ts';
import type { EdgeRuntime, InstanceRuntime } from './Instance.ts';

/**
 * A FIFO channel from one upstream instance to one downstream instance: a ring buffer of elements
 * with their departure time, arrival time and sequence number. The scheduler keys the channel by
 * its head, so the channel never needs its own timer.
 *
 * Counters are about records: at every moment
 * `sent = received + queued + inTransit + dropped + lost` (see {@link Channel.census}).
 */
export class Channel {
  private els: (StreamElement | undefined)[];
  private dep: Float64Array;
  private arr: Float64Array;
  private seqs: Float64Array;
  /**
   * Acking only: each element's anchor — its root and the id of the edge that created it — or, for
   * an element anchored to several roots (root -2), the list of (root, edge) pairs.
   */
  private roots: Float64Array | null = null;
  private edgeHis: Int32Array | null = null;
  private edgeLos: Int32Array | null = null;
  private multis: (Anchor[] | undefined)[] | null = null;
  private head = 0;
  private mask: number;
  /** Number of elements in the channel (in transit and queued). */
  size = 0;
  /** Arrival time of the last element pushed: arrivals never go backwards (FIFO). */
  lastArrival = -Infinity;
  /** True while the receiver refuses to read (it is blocked on a full output). */
  parked = false;
  /**
   * True while the receiver aligns a checkpoint: this channel delivered the barrier, and its
   * records wait until every input has (the alignment buffer).
   */
  blocked = false;

  sent = 0;
  received = 0;
  dropped = 0;
  lost = 0;

  /** Until when a failure window of this channel's edge may be active (copied from the edge: one load on the hot path). */
  faultyUntil = -Infinity;

  /** Position among the receiver's input channels (its watermark valve and barrier handler count by it). */
  inputIndex = 0;
  /** Which of the receiving component's input edges this channel belongs to (joins tell sides apart by it). */
  inputPort = 0;
  /** The receiving and sending instances (set when the runtime is wired). */
  target!: InstanceRuntime;
  sender!: InstanceRuntime;
  /** Size at which the sender blocks (Infinity for drop-when-full channels). */
  readonly blockAt: number;
  /** Size at which new elements are dropped (Infinity for blocking channels). */
  readonly dropAt: number;

  constructor(
    readonly index: number,
    readonly fromInstance: number,
    readonly toInstance: number,
    readonly edge: number,
    /** The logical edge (for its failures). */
    readonly edgeRuntime: EdgeRuntime,
    readonly capacity: number,
    readonly latency: number,
    readonly dropWhenFull: boolean,
  ) {
    this.blockAt = dropWhenFull ? Infinity : capacity;
    this.dropAt = dropWhenFull ? capacity : Infinity;
    let n = 8;
    while (n < Math.min(capacity, 1024)) n *= 2;
    this.els = new Array<StreamElement | undefined>(n);
    this.dep = new Float64Array(n);
    this.arr = new Float64Array(n);
    this.seqs = new Float64Array(n);
    this.mask = n - 1;
  }

  /** The anchor of the element last taken by {@link shift} (acking only; root -2: see takenList). */
  takenRoot = -1;
  takenHi = 0;
  takenLo = 0;
  takenList: Anchor[] | undefined = undefined;

  /** Gives every element an anchor from now on (at-least-once by acking). */
  enableAnchors(): void {
    const n = this.els.length;
    this.roots = new Float64Array(n).fill(-1);
    this.edgeHis = new Int32Array(n);
    this.edgeLos = new Int32Array(n);
    this.multis = new Array<Anchor[] | undefined>(n);
  }

  /** Sets the anchor of the element just pushed (root -2 with `list` for several roots). */
  anchorTail(root: number, hi: number, lo: number, list?: Anchor[]): void {
    const i = (this.head + this.size - 1) & this.mask;
    this.roots![i] = root;
    this.edgeHis![i] = hi;
    this.edgeLos![i] = lo;
    if (list !== undefined) this.multis![i] = list;
  }

  /** Whether the channel is at (or over) capacity. */
  get full(): boolean {
    return this.size >= this.capacity;
  }

  push(el: StreamElement, departure: number, arrival: number, seq: number): void {
    if (this.size === this.els.length) this.grow();
    const i = (this.head + this.size) & this.mask;
    this.els[i] = el;
    this.dep[i] = departure;
    this.arr[i] = arrival;
    this.seqs[i] = seq;
    this.size++;
    this.lastArrival = arrival;
  }

  headTime(): number {
    return this.arr[this.head]!;
  }

  headSeq(): number {
    return this.seqs[this.head]!;
  }

  shift(): StreamElement {
    const el = this.els[this.head]!;
    if (this.roots !== null) {
      this.takenRoot = this.roots[this.head]!;
      this.takenHi = this.edgeHis![this.head]!;
      this.takenLo = this.edgeLos![this.head]!;
      this.roots[this.head] = -1;
      if (this.takenRoot === -2) {
        this.takenList = this.multis![this.head];
        this.multis![this.head] = undefined;
      }
    }
    this.els[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.size--;
    return el;
  }

  /** Departure time of the newest element (undefined when empty). */
  tailDeparture(): number | undefined {
    return this.size === 0 ? undefined : this.dep[(this.head + this.size - 1) & this.mask];
  }

  /** Removes and returns the newest element (its sender crashed before it left). */
  popTail(): StreamElement {
    const i = (this.head + this.size - 1) & this.mask;
    const el = this.els[i]!;
    this.els[i] = undefined;
    this.size--;
    this.lastArrival = this.size === 0 ? -Infinity : this.arr[(this.head + this.size - 1) & this.mask]!;
    return el;
  }

  /** Removes every element; returns them in order. */
  drain(): StreamElement[] {
    const out: StreamElement[] = [];
    while (this.size > 0) out.push(this.shift());
    this.lastArrival = -Infinity;
    return out;
  }

  /** The elements with their times, oldest first (for snapshots and tests; not on the hot path). */
  entries(): { element: StreamElement; departure: number; arrival: number }[] {
    const out = [];
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & this.mask;
      out.push({ element: this.els[i]!, departure: this.dep[i]!, arrival: this.arr[i]! });
    }
    return out;
  }

  /** Records queued (arrived by `now`) and in transit (not yet arrived). */
  census(now: number): { queued: number; inTransit: number } {
    let queued = 0;
    let inTransit = 0;
    for (const e of this.entries()) {
      if (e.element.kind !== 'record') continue;
      if (e.arrival <= now) queued++;
      else inTransit++;
    }
    return { queued, inTransit };
  }

  private grow(): void {
    const n = this.els.length * 2;
    const els = new Array<StreamElement | undefined>(n);
    const dep = new Float64Array(n);
    const arr = new Float64Array(n);
    const seqs = new Float64Array(n);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & this.mask;
      els[k] = this.els[i];
      dep[k] = this.dep[i]!;
      arr[k] = this.arr[i]!;
      seqs[k] = this.seqs[i]!;
    }
    if (this.roots !== null) {
      const roots = new Float64Array(n).fill(-1);
      const his = new Int32Array(n);
      const los = new Int32Array(n);
      const multis = new Array<Anchor[] | undefined>(n);
      for (let k = 0; k < this.size; k++) {
        const i = (this.head + k) & this.mask;
        roots[k] = this.roots[i]!;
        his[k] = this.edgeHis![i]!;
        los[k] = this.edgeLos![i]!;
        multis[k] = this.multis![i];
      }
      this.roots = roots;
      this.edgeHis = his;
      this.edgeLos = los;
      this.multis = multis;
    }
    this.els = els;
    this.dep = dep;
    this.arr = arr;
    this.seqs = seqs;
    this.head = 0;
    this.mask = n - 1;
  }
}
