/**
 * How a task combines the watermarks of its input channels (Flink's StatusWatermarkValve): its
 * output watermark is the minimum over the inputs that are active and caught up ("aligned"), it
 * never decreases, and it is emitted only when it advances. An idle input does not hold event time
 * back; an input that comes back from idleness is left out until its watermark catches up, so it
 * cannot pull time back. When every input is idle, the task flushes the largest input watermark
 * and goes idle itself.
 *
 * A pure kernel: each call returns what the task must emit (null: nothing).
 */
export interface ValveOutput {
  /** A new output watermark, if it advanced. */
  readonly watermark: number | null;
  /** A new output status, if it changed (true: idle). */
  readonly idle: boolean | null;
}

const NOTHING: ValveOutput = { watermark: null, idle: null };

export class WatermarkValve {
  private readonly watermarks: Float64Array;
  private readonly active: Uint8Array;
  private readonly aligned: Uint8Array;
  /** The last watermark emitted (−Infinity: none yet). */
  output = -Infinity;
  /** Whether the task is idle (every input idle). */
  idle = false;

  constructor(readonly inputs: number) {
    this.watermarks = new Float64Array(inputs).fill(-Infinity);
    this.active = new Uint8Array(inputs).fill(1);
    this.aligned = new Uint8Array(inputs).fill(1);
  }

  /** Watermark `w` arrived on input `ch`. */
  inputWatermark(ch: number, w: number): ValveOutput {
    // An idle task or input ignores watermarks (Flink: only active channels advance); so does an older one.
    if (this.idle || this.active[ch] === 0 || w <= this.watermarks[ch]!) return NOTHING;
    this.watermarks[ch] = w;
    if (this.aligned[ch] === 0 && w >= this.output) this.aligned[ch] = 1;
    return this.advance();
  }

  /** Input `ch` became idle, or active again. */
  inputStatus(ch: number, idle: boolean): ValveOutput {
    if (idle) {
      if (this.active[ch] === 0) return NOTHING;
      this.active[ch] = 0;
      this.aligned[ch] = 0;
      if (!this.anyActive()) {
        // Every input is idle: flush the largest watermark seen, then go idle.
        const max = this.maxWatermark();
        const watermark = max > this.output ? max : null;
        if (watermark !== null) this.output = watermark;
        this.idle = true;
        return { watermark, idle: true };
      }
      return this.advance();
    }
    if (this.active[ch] === 1) return NOTHING;
    this.active[ch] = 1;
    if (this.watermarks[ch]! >= this.output) this.aligned[ch] = 1;
    if (!this.idle) return NOTHING;
    this.idle = false;
    return { watermark: null, idle: false };
  }

  /** Input `ch`'s current watermark (−Infinity: none yet), and whether it is active. */
  channel(ch: number): { watermark: number; active: boolean; aligned: boolean } {
    return {
      watermark: this.watermarks[ch]!,
      active: this.active[ch] === 1,
      aligned: this.aligned[ch] === 1,
    };
  }

  /** Forgets everything (the job restarted: watermarks are not part of checkpoints). */
  reset(): void {
    this.watermarks.fill(-Infinity);
    this.active.fill(1);
    this.aligned.fill(1);
    this.output = -Infinity;
    this.idle = false;
  }

  private advance(): ValveOutput {
    let min = Infinity;
    let any = false;
    for (let i = 0; i < this.inputs; i++) {
      if (this.active[i] === 0 || this.aligned[i] === 0) continue;
      any = true;
      if (this.watermarks[i]! < min) min = this.watermarks[i]!;
    }
    if (!any || min <= this.output) return NOTHING;
    this.output = min;
    return { watermark: min, idle: null };
  }

  private anyActive(): boolean {
    for (let i = 0; i < this.inputs; i++) if (this.active[i] === 1) return true;
    return false;
  }

  private maxWatermark(): number {
    let max = -Infinity;
    for (let i = 0; i < this.inputs; i++) if (this.watermarks[i]! > max) max = this.watermarks[i]!;
    return max;
  }
}
