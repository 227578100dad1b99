/**
 * Per-event counters of one component: how many times each event (by lineage id) was processed or
 * delivered there. Growable typed arrays indexed by id: two increments per hop, no allocation.
 */
export class EventCounts {
  private counts = new Uint16Array(1024);
  /** Highest id seen + 1. */
  extent = 0;

  inc(id: number): void {
    if (id >= this.extent) {
      if (id >= this.counts.length) this.grow(id);
      this.extent = id + 1;
    }
    const c = this.counts[id]!;
    if (c !== 0xffff) this.counts[id] = c + 1;
  }

  get(id: number): number {
    return id < this.counts.length ? this.counts[id]! : 0;
  }

  /** Events counted at least once, the largest count, and events counted more than once. */
  summary(): { events: number; max: number; moreThanOnce: number } {
    let events = 0;
    let max = 0;
    let moreThanOnce = 0;
    for (let i = 0; i < this.extent; i++) {
      const c = this.counts[i]!;
      if (c > 0) events++;
      if (c > 1) moreThanOnce++;
      if (c > max) max = c;
    }
    return { events, max, moreThanOnce };
  }

  private grow(id: number): void {
    let n = this.counts.length * 2;
    while (n <= id) n *= 2;
    const next = new Uint16Array(n);
    next.set(this.counts);
    this.counts = next;
  }
}
