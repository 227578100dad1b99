import type { EventTimeView, WindowBand } from '../../../protocol/panels/eventTime.ts';
import { WINDOW_STATE } from './format.ts';

/**
 * What the event-time plot draws, computed from the view (pure, so it is tested without a
 * browser): x is processing time, y is event time.
 */

export type Range = readonly [number, number];

/** A point of a clock's step line; `final`: the final watermark (+∞), drawn at the top. */
export interface LinePoint {
  readonly time: number;
  readonly eventTime: number;
  readonly final: boolean;
}

/** Windows of the same bounds drawn as one band; its label counts the keys in each state. */
export interface Band {
  readonly start: number;
  readonly end: number;
  readonly state: WindowBand['state'];
  /** Empty when too little of the band is in view to hold its label. */
  readonly label: string;
}

/** Bands drawn at most (the table lists them all). */
export const BANDS_DRAWN = 24;

const finite = (x: number) => Number.isFinite(x);

function span(values: readonly number[], fallback: Range): Range {
  const v = values.filter(finite);
  if (v.length === 0) return fallback;
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  return [lo, hi];
}

/**
 * The plot's ranges: x from the first point (or clock step) to now; y over every point and finite
 * clock value, widened to the whole of the windows that overlap it (older windows are not drawn).
 */
export function ranges(view: EventTimeView): { x: Range; y: Range } {
  const times = view.points.time;
  const stepTimes = view.instances.flatMap((i) => i.steps.map((s) => s.time));
  const x = span([...times, ...stepTimes, view.now], [0, Math.max(1, view.now)]);
  const values = [...view.points.eventTime, ...view.instances.flatMap((i) => i.steps.map((s) => s.value))];
  const core = span(values, [0, 1]);
  const overlapping = view.windows.filter(
    (w) =>
      finite(w.start) && finite(w.end) && (values.length === 0 || (w.end > core[0] && w.start <= core[1])),
  );
  const y = span([...values, ...overlapping.flatMap((w) => [w.start, w.end])], [0, 1]);
  return { x, y };
}

/**
 * A clock as a step line from its first step to now: a step at `time` holds until the next one.
 * The final watermark (+∞) is drawn at the top of the plot. Steps before the plot starts are moved
 * to its left edge.
 */
export function clockLine(
  steps: EventTimeView['instances'][number]['steps'],
  x: Range,
  y: Range,
): LinePoint[] {
  const out: LinePoint[] = [];
  for (const s of steps) {
    if (s.value === -Infinity) continue;
    const final = s.value === Infinity;
    out.push({ time: Math.max(s.time, x[0]), eventTime: final ? y[1] : s.value, final });
  }
  const last = out.at(-1);
  if (last !== undefined && last.time < x[1]) out.push({ ...last, time: x[1] });
  return out;
}

const STATE_ORDER: readonly WindowBand['state'][] = ['open', 'fired', 'merged', 'purged'];

/**
 * Windows as bands on the event-time axis: one per distinct bounds within the plot's event-time
 * range (the global window is not drawn), styled by its liveliest state, newest last.
 */
export function bands(windows: readonly WindowBand[], y: Range): Band[] {
  const byBounds = new Map<string, WindowBand[]>();
  for (const w of windows) {
    if (!finite(w.start) || !finite(w.end) || w.end <= y[0] || w.start >= y[1]) continue;
    const id = `${w.start} ${w.end}`;
    byBounds.set(id, [...(byBounds.get(id) ?? []), w]);
  }
  const out: Band[] = [];
  for (const group of byBounds.values()) {
    const counts = STATE_ORDER.map((s) => [s, group.filter((w) => w.state === s).length] as const).filter(
      ([, n]) => n > 0,
    );
    const start = Math.max(group[0]!.start, y[0]);
    const end = Math.min(group[0]!.end, y[1]);
    const roomy = end - start >= (y[1] - y[0]) * 0.1;
    out.push({
      start,
      end,
      state: counts[0]![0],
      label: roomy
        ? counts.map(([s, n]) => `${WINDOW_STATE[s].word}${n > 1 ? ` ×${n}` : ''}`).join(' · ')
        : '',
    });
  }
  return out.sort((a, b) => a.start - b.start).slice(-BANDS_DRAWN);
}

/** A range widened by `fraction` of its length on each side (marks at the edge stay whole). */
export function padded([lo, hi]: Range, fraction = 0.03): Range {
  const pad = (hi - lo) * fraction;
  return [lo - pad, hi + pad];
}

/** Pixels the y axis needs for its widest tick label (14 px digits are about 8.5 px wide). */
export function axisWidth(ticks: readonly number[], format: (t: number) => string): number {
  const chars = Math.max(1, ...ticks.map((t) => format(t).length));
  return Math.ceil(chars * 8.5) + 30;
}

/** Round tick values inside a range, 1, 2 or 5 × 10ᵏ apart, about `count` of them (readable axes). */
export function niceTicks([lo, hi]: Range, count = 5): number[] {
  const raw = (hi - lo) / count;
  if (!(raw > 0) || !Number.isFinite(raw)) return [lo];
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  // toPrecision: 3 × 0.2 is 0.6, not 0.6000000000000001; + 0: no −0.
  for (let n = Math.ceil(lo / step); n * step <= hi; n++) ticks.push(Number((n * step).toPrecision(12)) + 0);
  return ticks;
}
