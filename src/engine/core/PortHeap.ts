/**
 * The scheduler's priority queue: ports (the head of each channel, and each source instance's next
 * read) ordered by (time, sequence number). Sequence numbers are unique, so the order is total and
 * fully determined.
 *
 * A binary min-heap over ports (its size is the number of ports, not the number of events in
 * flight) plus one *held* port kept outside the heap. A port inserted when the held slot is free
 * goes there at no cost (a smaller newcomer takes the slot and the held port moves into the heap), and
 * `top` compares the held port with the heap's root. In a pipeline the element just sent is usually
 * the next to run, so most steps never touch the heap.
 */
export class PortHeap {
  private readonly heap: Int32Array;
  /** Position of each port in `heap`; -1 when absent (or held). */
  private readonly pos: Int32Array;
  private readonly times: Float64Array;
  private readonly seqs: Float64Array;
  private n = 0;
  /** The held port, outside the heap (-1: none). */
  private held = -1;

  constructor(ports: number) {
    this.heap = new Int32Array(ports);
    this.pos = new Int32Array(ports).fill(-1);
    this.times = new Float64Array(ports);
    this.seqs = new Float64Array(ports);
  }

  get size(): number {
    return this.n + (this.held >= 0 ? 1 : 0);
  }

  /** The port with the smallest key, or -1 when empty. */
  top(): number {
    const held = this.held;
    if (this.n === 0) return held;
    const root = this.heap[0]!;
    return held >= 0 && this.less(held, root) ? held : root;
  }

  time(port: number): number {
    return this.times[port]!;
  }

  seq(port: number): number {
    return this.seqs[port]!;
  }

  has(port: number): boolean {
    return port === this.held || this.pos[port]! >= 0;
  }

  /** Inserts the port, or moves it if it is already queued. */
  set(port: number, time: number, seq: number): void {
    if (port === this.held) {
      this.times[port] = time;
      this.seqs[port] = seq;
      return;
    }
    const i = this.pos[port]!;
    if (i >= 0) {
      const later = time > this.times[port]! || (time === this.times[port] && seq > this.seqs[port]!);
      this.times[port] = time;
      this.seqs[port] = seq;
      if (later) this.down(i);
      else this.up(i);
      return;
    }
    this.times[port] = time;
    this.seqs[port] = seq;
    const held = this.held;
    if (held < 0) {
      this.held = port;
    } else if (this.less(port, held)) {
      // Keep the smaller one at hand: it is likely the next to run.
      this.insert(held);
      this.held = port;
    } else {
      this.insert(port);
    }
  }

  remove(port: number): void {
    if (port === this.held) {
      this.held = -1;
      return;
    }
    const i = this.pos[port]!;
    if (i < 0) return;
    this.pos[port] = -1;
    const last = this.heap[--this.n]!;
    if (i === this.n) return;
    this.heap[i] = last;
    this.pos[last] = i;
    if (i > 0 && this.less(last, this.heap[(i - 1) >> 1]!)) this.up(i);
    else this.down(i);
  }

  private insert(port: number): void {
    this.heap[this.n] = port;
    this.pos[port] = this.n;
    this.up(this.n++);
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a]!;
    const tb = this.times[b]!;
    return ta < tb || (ta === tb && this.seqs[a]! < this.seqs[b]!);
  }

  private up(i: number): void {
    const heap = this.heap;
    const port = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(port, p)) break;
      heap[i] = p;
      this.pos[p] = i;
      i = parent;
    }
    heap[i] = port;
    this.pos[port] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const port = heap[i]!;
    const n = this.n;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(heap[r]!, heap[l]!) ? r : l;
      const child = heap[c]!;
      if (!this.less(child, port)) break;
      heap[i] = child;
      this.pos[child] = i;
      i = c;
    }
    heap[i] = port;
    this.pos[port] = i;
  }
}
