/** One scheduled action: it fires at `time`; ties are broken by `seq` (insertion order). */
export interface TimerEntry<T> {
  readonly time: number;
  readonly seq: number;
  readonly payload: T;
  cancelled: boolean;
}

/**
 * Min-heap of timers (scripted failures, restarts, periodic ticks). Timers are rare compared with
 * records, so a plain array heap of objects is enough. Cancellation is lazy.
 */
export class TimerQueue<T> {
  private heap: TimerEntry<T>[] = [];

  get size(): number {
    return this.heap.length;
  }

  add(time: number, seq: number, payload: T): TimerEntry<T> {
    const entry: TimerEntry<T> = { time, seq, payload, cancelled: false };
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
    return entry;
  }

  /** The next live timer without removing it. */
  peek(): TimerEntry<T> | undefined {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    return this.heap[0];
  }

  pop(): TimerEntry<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      let i = 0;
      const n = heap.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(heap[r]!, heap[l]!) ? r : l;
        if (!before(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  }

  /** Live timers in firing order (for the UI's timeline; not on the hot path). */
  pending(): TimerEntry<T>[] {
    return this.heap.filter((e) => !e.cancelled).sort((a, b) => (before(a, b) ? -1 : 1));
  }
}

function before<T>(a: TimerEntry<T>, b: TimerEntry<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
