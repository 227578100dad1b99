/**
 * The book's per-event counters for one component: how many times each event (by lineage id) was
 * processed there, and how many of those attempts failed. Times delivered = processed − failed.
 *
 * Processing counts live in a growable typed array indexed by id (one increment per hop, no
 * allocation); failures are rare, so they live in a map.
 */
export class EventCounts {
  // One byte per event (saturating at 255 attempts): a long run counts millions of events.
  private counts = new Uint8Array(1024);
  private readonly failures = new Map<number, number>();
  /** Highest id seen + 1. */
  extent = 0;

  /** Counts one processing attempt. */
  processed(id: number): void {
    if (id >= this.extent) {
      if (id >= this.counts.length) this.grow(id);
      this.extent = id + 1;
    }
    const c = this.counts[id]!;
    if (c !== 0xff) this.counts[id] = c + 1;
  }

  /** Marks the latest attempt on `id` as failed. */
  failed(id: number): void {
    this.failures.set(id, (this.failures.get(id) ?? 0) + 1);
  }

  timesProcessed(id: number): number {
    return id < this.extent ? this.counts[id]! : 0;
  }

  timesDelivered(id: number): number {
    return this.timesProcessed(id) - (this.failures.get(id) ?? 0);
  }

  /** Distinct events processed, the largest times processed and delivered, and events delivered twice or more. */
  summary(): { events: number; maxProcessed: number; maxDelivered: number; deliveredMoreThanOnce: number } {
    let events = 0;
    let maxProcessed = 0;
    let maxDelivered = 0;
    let deliveredMoreThanOnce = 0;
    for (let id = 0; id < this.extent; id++) {
      const p = this.counts[id]!;
      if (p === 0) continue;
      events++;
      const d = this.failures.size === 0 ? p : p - (this.failures.get(id) ?? 0);
      if (p > maxProcessed) maxProcessed = p;
      if (d > maxDelivered) maxDelivered = d;
      if (d > 1) deliveredMoreThanOnce++;
    }
    return { events, maxProcessed, maxDelivered, deliveredMoreThanOnce };
  }

  private grow(id: number): void {
    let n = this.counts.length * 2;
    while (n <= id) n *= 2;
    const next = new Uint8Array(n);
    next.set(this.counts);
    this.counts = next;
  }
}
