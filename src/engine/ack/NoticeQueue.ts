/**
 * The acker's verdicts on their way to the sources: the ack or fail of a root, reported by the
 * instance whose ack or fail settled its tree, arriving `ackLatency` ms later. One FIFO queue per
 * reporting instance (its departures never go backwards), scheduled as a port like a channel —
 * so a notice costs a ring slot, not a timer object.
 */
export class NoticeQueue {
  private times = new Float64Array(16);
  private seqs = new Float64Array(16);
  private slots = new Int32Array(16);
  private roots = new Float64Array(16);
  private oks = new Uint8Array(16);
  private head = 0;
  size = 0;
  /** Arrival of the last notice pushed (arrivals never go backwards). */
  last = -Infinity;

  /** The notice last taken by {@link shift}. */
  slot = 0;
  root = 0;
  ok = false;

  push(time: number, seq: number, slot: number, root: number, ok: boolean): number {
    if (this.size === this.times.length) this.grow();
    const t = time > this.last ? time : this.last;
    const i = (this.head + this.size) & (this.times.length - 1);
    this.times[i] = t;
    this.seqs[i] = seq;
    this.slots[i] = slot;
    this.roots[i] = root;
    this.oks[i] = ok ? 1 : 0;
    this.size++;
    this.last = t;
    return t;
  }

  headTime(): number {
    return this.times[this.head]!;
  }

  headSeq(): number {
    return this.seqs[this.head]!;
  }

  shift(): void {
    const i = this.head;
    this.slot = this.slots[i]!;
    this.root = this.roots[i]!;
    this.ok = this.oks[i] === 1;
    this.head = (this.head + 1) & (this.times.length - 1);
    this.size--;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const mask = this.times.length - 1;
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    const slots = new Int32Array(n);
    const roots = new Float64Array(n);
    const oks = new Uint8Array(n);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & mask;
      times[k] = this.times[i]!;
      seqs[k] = this.seqs[i]!;
      slots[k] = this.slots[i]!;
      roots[k] = this.roots[i]!;
      oks[k] = this.oks[i]!;
    }
    this.times = times;
    this.seqs = seqs;
    this.slots = slots;
    this.roots = roots;
    this.oks = oks;
    this.head = 0;
  }
}
