import type { WatermarkStrategy } from '../model/types.ts';

/** What a source instance must emit after an event (null: nothing). */
export interface SourceEmission {
  readonly watermark: number | null;
  /** true: the instance went idle; false: it is active again. */
  readonly idle: boolean | null;
}

const NOTHING: SourceEmission = { watermark: null, idle: null };

/**
 * The watermarks of one source instance, kept per owned partition and combined by minimum (Flink's
 * per-split watermarks in a FLIP-27 source reader):
 *
 * - bounded-out-of-orderness: each partition tracks the largest event time read; at every periodic
 *   emit its watermark is that − bound − 1 (Flink's BoundedOutOfOrdernessWatermarks);
 * - punctuated: each partition's watermark is the last explicit watermark read from its timeline,
 *   emitted at once.
 *
 * The instance emits the minimum over its partitions that are neither idle nor exhausted, only when
 * it advances. A partition with no record for more than `idleTimeout` is idle (checked at periodic
 * emits) and is left out; if every partition is idle the instance goes idle. When every partition is
 * exhausted (a bounded input ended), the instance emits the final watermark, +Infinity, which fires
 * every window (Flink's end-of-input MAX_WATERMARK).
 */
export class SourceWatermarks {
  private readonly partitionMarks: Float64Array;
  private readonly lastData: Float64Array;
  private readonly idleParts: Uint8Array;
  private readonly bound: number;
  /** The last watermark emitted (−Infinity: none yet). */
  emitted = -Infinity;
  idle = false;
  /** When the instance started (or restarted): without partitions, idleness counts from then. */
  private since = 0;

  constructor(
    readonly strategy: Exclude<WatermarkStrategy, { strategy: 'none' }>,
    readonly partitions: number,
  ) {
    this.partitionMarks = new Float64Array(partitions).fill(-Infinity);
    this.lastData = new Float64Array(partitions);
    this.idleParts = new Uint8Array(partitions);
    this.bound = strategy.strategy === 'bounded-out-of-orderness' ? strategy.bound : 0;
  }

  /** Processing-time ms between periodic emits. */
  get interval(): number {
    return this.strategy.interval;
  }

  /** A record with event time `eventTime` was read from partition p at `now`. */
  onRecord(p: number, eventTime: number, now: number): SourceEmission {
    this.lastData[p] = now;
    if (this.strategy.strategy === 'bounded-out-of-orderness') {
      const mark = eventTime - this.bound - 1;
      if (mark > this.partitionMarks[p]!) this.partitionMarks[p] = mark;
    }
    if (this.idleParts[p] === 0) return NOTHING;
    this.idleParts[p] = 0;
    if (!this.idle) return NOTHING;
    this.idle = false;
    return { watermark: null, idle: false };
  }

  /** An explicit watermark was read from partition p's timeline: emitted at once if it advances the minimum. */
  onMarker(p: number, watermark: number, now: number, exhausted: (p: number) => boolean): SourceEmission {
    this.lastData[p] = now;
    if (watermark > this.partitionMarks[p]!) this.partitionMarks[p] = watermark;
    const woke = this.idleParts[p] === 1 && this.idle;
    this.idleParts[p] = 0;
    if (woke) this.idle = false;
    const next = this.combine(exhausted);
    return { watermark: next, idle: woke ? false : null };
  }

  /** A periodic emit: idleness is evaluated, then the combined watermark, if it advanced. */
  onPeriodic(now: number, exhausted: (p: number) => boolean): SourceEmission {
    const timeout = this.strategy.idleTimeout;
    let wentIdle = false;
    if (timeout !== undefined) {
      for (let p = 0; p < this.partitions; p++) {
        if (this.idleParts[p] === 0 && !exhausted(p) && now - this.lastData[p]! > timeout)
          this.idleParts[p] = 1;
      }
      if (!this.idle && this.allIdle(exhausted, now - this.since > timeout)) {
        this.idle = true;
        wentIdle = true;
      }
    }
    // Punctuated watermarks are emitted as they are read; the periodic emit only checks idleness.
    const watermark =
      this.strategy.strategy === 'bounded-out-of-orderness' || wentIdle ? this.combine(exhausted) : null;
    return { watermark, idle: wentIdle ? true : null };
  }

  /** A partition ran out: the combined watermark without it, if that advanced. */
  recombine(exhausted: (p: number) => boolean): number | null {
    return this.combine(exhausted);
  }

  /** Every owned partition is exhausted: the final watermark, once. */
  onEnd(): number | null {
    if (this.emitted === Infinity) return null;
    this.emitted = Infinity;
    return Infinity;
  }

  /** Forgets everything (the job restarted: watermarks are not checkpointed; re-read records rebuild them). */
  reset(now: number): void {
    this.partitionMarks.fill(-Infinity);
    this.lastData.fill(now);
    this.idleParts.fill(0);
    this.emitted = -Infinity;
    this.idle = false;
    this.since = now;
  }

  /** Partition p's current watermark (for the UI). */
  partitionWatermark(p: number): number {
    return this.partitionMarks[p]!;
  }

  partitionIdle(p: number): boolean {
    return this.idleParts[p] === 1;
  }

  /** The minimum over active partitions, if it advanced (when all are idle: their maximum, flushed). */
  private combine(exhausted: (p: number) => boolean): number | null {
    let min = Infinity;
    let max = -Infinity;
    let any = false;
    for (let p = 0; p < this.partitions; p++) {
      if (exhausted(p)) continue;
      const mark = this.partitionMarks[p]!;
      if (mark > max) max = mark;
      if (this.idleParts[p] === 1) continue;
      any = true;
      if (mark < min) min = mark;
    }
    const next = any ? min : max;
    if (next === Infinity || next <= this.emitted) return null;
    this.emitted = next;
    return next;
  }

  private allIdle(exhausted: (p: number) => boolean, timedOut: boolean): boolean {
    // No partition at all (more instances than partitions): idle once the timeout passed without data.
    if (this.partitions === 0) return timedOut;
    let any = false;
    for (let p = 0; p < this.partitions; p++) {
      if (exhausted(p)) continue;
      any = true;
      if (this.idleParts[p] === 0) return false;
    }
    return any;
  }
}
