import type { Rng } from '../core/rng.ts';

/**
 * An active failure over a span of virtual time [from, to). Windows live on the component, edge or
 * store they affect, so the hot path only pays for a length check when nothing is failing.
 */
export interface FaultWindow {
  readonly from: number;
  readonly to: number;
  /** Instance it applies to (undefined: every instance). */
  readonly instance?: number;
  /** fail-events and drop: chance that one event is hit. */
  readonly probability?: number;
  /** slow: service-time multiplier. */
  readonly factor?: number;
  /** delay: extra transfer time in ms. */
  readonly extra?: number;
}

/** Drops windows that ended by `now` (in place) and reports whether any is left. */
function prune(windows: FaultWindow[], now: number): boolean {
  for (let i = windows.length - 1; i >= 0; i--) if (windows[i]!.to <= now) windows.splice(i, 1);
  return windows.length > 0;
}

function covers(w: FaultWindow, now: number, instance: number): boolean {
  return w.from <= now && now < w.to && (w.instance === undefined || w.instance === instance);
}

/** Whether an event processed now by `instance` is hit by a fail-events or drop window. */
export function hits(windows: FaultWindow[], now: number, instance: number, rng: Rng): boolean {
  if (!prune(windows, now)) return false;
  for (const w of windows) if (covers(w, now, instance) && rng.chance(w.probability ?? 1)) return true;
  return false;
}

/** Whether any window covers now (store outages). */
export function active(windows: FaultWindow[], now: number): boolean {
  if (!prune(windows, now)) return false;
  for (const w of windows) if (w.from <= now && now < w.to) return true;
  return false;
}

/** Product of the slow-down factors active now for `instance`. */
export function slowFactor(windows: FaultWindow[], now: number, instance: number): number {
  if (!prune(windows, now)) return 1;
  let f = 1;
  for (const w of windows) if (covers(w, now, instance)) f *= w.factor ?? 1;
  return f;
}

/** Sum of the extra delays active now. */
export function extraDelay(windows: FaultWindow[], now: number): number {
  if (!prune(windows, now)) return 0;
  let d = 0;
  for (const w of windows) if (w.from <= now && now < w.to) d += w.extra ?? 0;
  return d;
}
