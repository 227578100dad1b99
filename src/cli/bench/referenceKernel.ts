import { unitHash } from '../../engine/core/hash.ts';

/** A small event object, like the engine's records. */
interface Ev {
  readonly key: number;
  readonly value: number;
}

/** A FIFO ring buffer of events with their arrival time and sequence number. */
class Fifo {
  ev: (Ev | undefined)[] = new Array<Ev | undefined>(1024);
  time = new Float64Array(1024);
  seq = new Float64Array(1024);
  head = 0;
  size = 0;

  push(e: Ev, time: number, seq: number): void {
    if (this.size === this.ev.length) this.grow();
    const i = (this.head + this.size) & (this.ev.length - 1);
    this.ev[i] = e;
    this.time[i] = time;
    this.seq[i] = seq;
    this.size++;
  }

  shift(): Ev {
    const e = this.ev[this.head]!;
    this.ev[this.head] = undefined;
    this.head = (this.head + 1) & (this.ev.length - 1);
    this.size--;
    return e;
  }

  private grow(): void {
    const n = this.ev.length * 2;
    const ev = new Array<Ev | undefined>(n);
    const time = new Float64Array(n);
    const seq = new Float64Array(n);
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & (this.ev.length - 1);
      ev[k] = this.ev[i];
      time[k] = this.time[i]!;
      seq[k] = this.seq[i]!;
    }
    this.ev = ev;
    this.time = time;
    this.seq = seq;
    this.head = 0;
  }
}

/**
 * DES-REF: the smallest faithful discrete-event core, written plainly as the yardstick for the
 * engine (see ../shared/reference/performance.md). One FIFO queue per channel, a binary heap over
 * the channel *heads* keyed by (time, sequence number), and the workload
 * source → map → keyed running count over `keys` keys → sink. The source is a channel too: event n
 * arrives at n µs, produced lazily so the source queue stays short.
 *
 * Returns the checksum of the final counts: Σ count(k) × (k + 1) mod 2³².
 */
export function runReferenceKernel(events: number, seed: number, keys: number): number {
  const channels = [new Fifo(), new Fifo(), new Fifo(), new Fifo()]; // →source, source→map, map→count, count→sink
  const heap = new Int32Array(channels.length);
  const pos = new Int32Array(channels.length).fill(-1);
  let heapSize = 0;
  let seq = 0;
  const counts = new Int32Array(keys);

  const less = (a: number, b: number): boolean => {
    const ca = channels[a]!;
    const cb = channels[b]!;
    const ta = ca.time[ca.head]!;
    const tb = cb.time[cb.head]!;
    return ta < tb || (ta === tb && ca.seq[ca.head]! < cb.seq[cb.head]!);
  };
  const siftUp = (i: number): void => {
    const c = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(c, heap[p]!)) break;
      heap[i] = heap[p]!;
      pos[heap[i]!] = i;
      i = p;
    }
    heap[i] = c;
    pos[c] = i;
  };
  const siftDown = (i: number): void => {
    const c = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heapSize) break;
      const r = l + 1;
      const m = r < heapSize && less(heap[r]!, heap[l]!) ? r : l;
      if (!less(heap[m]!, c)) break;
      heap[i] = heap[m]!;
      pos[heap[i]!] = i;
      i = m;
    }
    heap[i] = c;
    pos[c] = i;
  };
  const send = (c: number, e: Ev, time: number): void => {
    const ch = channels[c]!;
    ch.push(e, time, seq++);
    if (ch.size === 1) {
      heap[heapSize] = c;
      siftUp(heapSize++);
    }
  };

  let produced = 0;
  const produce = (): void => {
    if (produced < events) {
      send(0, { key: Math.floor(unitHash(seed, 0, produced) * keys), value: 1 }, produced * 1e-3);
      produced++;
    }
  };
  produce();
  while (heapSize > 0) {
    const c = heap[0]!;
    const ch = channels[c]!;
    const time = ch.time[ch.head]!;
    const e = ch.shift();
    if (ch.size > 0) siftDown(0);
    else {
      heap[0] = heap[--heapSize]!;
      pos[c] = -1;
      if (heapSize > 0) siftDown(0);
    }
    switch (c) {
      case 0: // source: emit, and produce the next event
        send(1, e, time);
        produce();
        break;
      case 1: // map
        send(2, { key: e.key, value: e.value + 1 }, time);
        break;
      case 2: // keyed running count
        send(3, { key: e.key, value: ++counts[e.key]! }, time);
        break;
      default: // sink
    }
  }
  let checksum = 0;
  for (let k = 0; k < keys; k++) checksum = (checksum + Math.imul(counts[k]!, k + 1)) >>> 0;
  return checksum;
}
