/** One scheduled action: it fires at `time`; ties are broken by `seq` (insertion order). */
export interface TimerEntry<T> {
  readonly time: number;
  readonly seq: number;
  readonly payload: T;
  /**
   * A daemon timer (a periodic checkpoint trigger) does not keep a run alive: when only daemon
   * timers are left and nothing is in flight, the run is over.
   */
  readonly daemon: boolean;
  cancelled: boolean;
}

/**
 * Min-heap of timers (scripted failures, restarts, acker notices, periodic ticks). Timers are rare
 * compared with records, so a plain array heap of objects is enough. Cancellation is lazy.
 */
export class TimerQueue<T> {
  private heap: TimerEntry<T>[] = [];
  private live = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Timers that keep the run alive (not cancelled, not daemons). */
  get liveCount(): number {
    return this.live;
  }

  add(time: number, seq: number, payload: T, daemon = false): TimerEntry<T> {
    const entry: TimerEntry<T> = { time, seq, payload, daemon, cancelled: false };
    if (!daemon) this.live++;
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

  cancel(entry: TimerEntry<T>): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    if (!entry.daemon) this.live--;
    this.skipCancelled();
  }

  /** The next live timer without removing it (the head of the heap is never a cancelled one). */
  peek(): TimerEntry<T> | undefined {
    return this.heap[0];
  }

  /** Removes and returns the next live timer. */
  pop(): TimerEntry<T> | undefined {
    const top = this.heap[0];
    if (top === undefined) return undefined;
    this.removeTop();
    this.skipCancelled();
    if (!top.daemon) this.live--;
    return top;
  }

  private skipCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
  }

  /** Live timers in firing order (for the UI's timeline; not on the hot path). */
  pending(): TimerEntry<T>[] {
    return this.heap.filter((e) => !e.cancelled).sort((a, b) => (before(a, b) ? -1 : 1));
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
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
}

function before<T>(a: TimerEntry<T>, b: TimerEntry<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
