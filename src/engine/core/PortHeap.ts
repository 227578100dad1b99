/**
 * The scheduler's heap: a binary min-heap over *ports* (the head of each channel, and each source
 * instance's next read), keyed by (time, sequence number). Its size is the number of ports, not the
 * number of events in flight, which keeps every operation cheap however full the channels are.
 * Ties are impossible: sequence numbers are unique, so the order is fully determined.
 */
export class PortHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private readonly times: Float64Array;
  private readonly seqs: Float64Array;
  private n = 0;

  constructor(ports: number) {
    this.heap = new Int32Array(ports);
    this.pos = new Int32Array(ports).fill(-1);
    this.times = new Float64Array(ports);
    this.seqs = new Float64Array(ports);
  }

  get size(): number {
    return this.n;
  }

  /** The port with the smallest key, or -1 when empty. */
  top(): number {
    return this.n > 0 ? this.heap[0]! : -1;
  }

  time(port: number): number {
    return this.times[port]!;
  }

  seq(port: number): number {
    return this.seqs[port]!;
  }

  has(port: number): boolean {
    return this.pos[port]! >= 0;
  }

  /** Inserts the port, or moves it if it is already in the heap. */
  set(port: number, time: number, seq: number): void {
    const i = this.pos[port]!;
    this.times[port] = time;
    this.seqs[port] = seq;
    if (i < 0) {
      this.heap[this.n] = port;
      this.pos[port] = this.n;
      this.up(this.n++);
    } else {
      this.up(i);
      this.down(this.pos[port]!);
    }
  }

  remove(port: number): void {
    const i = this.pos[port]!;
    if (i < 0) return;
    this.pos[port] = -1;
    const last = this.heap[--this.n]!;
    if (i === this.n) return;
    this.heap[i] = last;
    this.pos[last] = i;
    this.up(i);
    this.down(this.pos[last]!);
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
