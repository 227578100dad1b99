import type { ComponentSpec } from '../../model/types.ts';

export type WindowAssignerSpec = Extract<ComponentSpec, { kind: 'window' }>['window'];

/** A window [start, end); the global window is (−Infinity, +Infinity). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Flink's TimeWindow.getWindowStartWithOffset: the start of the window of size `size` (aligned to
 * `offset`) that contains `ts`, also for negative timestamps.
 */
export function windowStart(ts: number, offset: number, size: number): number {
  const remainder = (ts - offset) % size;
  return remainder < 0 ? ts - (remainder + size) : ts - remainder;
}

/**
 * The windows an element with event time `ts` belongs to (not for sessions: an element's own
 * session window is [ts, ts + gap), merged with its neighbours). Tumbling: one. Hopping: ⌈size/slide⌉ (Flink's SlidingEventTimeWindows: from the
 * last start ≤ ts down to the first start > ts − size), newest first.
 */
export function assignWindows(
  assigner: Exclude<WindowAssignerSpec, { type: 'session' }>,
  ts: number,
): Span[] {
  switch (assigner.type) {
    case 'tumbling': {
      const start = windowStart(ts, assigner.offset, assigner.size);
      return [{ start, end: start + assigner.size }];
    }
    case 'hopping':
    case 'sliding': {
      const out: Span[] = [];
      const last = windowStart(ts, assigner.offset, assigner.slide);
      for (let start = last; start > ts - assigner.size; start -= assigner.slide)
        out.push({ start, end: start + assigner.size });
      return out;
    }
    case 'global':
      return [GLOBAL];
  }
}

export const GLOBAL: Span = { start: -Infinity, end: Infinity };

/**
 * Whether two session windows merge. Flink merges windows that overlap or touch
 * (`a.start <= b.end && a.end >= b.start`); Beam merges only overlapping ones, so touching
 * sessions ([0, 10) and [10, 20)) stay apart.
 */
export function sessionsMerge(a: Span, b: Span, touching: 'merge' | 'separate'): boolean {
  return touching === 'merge' ? a.start <= b.end && a.end >= b.start : a.start < b.end && b.start < a.end;
}
