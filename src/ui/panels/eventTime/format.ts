import type { PointStatus, WindowBand } from '../../../protocol/panels/eventTime.ts';
import { formatCount } from '../../app/format.ts';

/** A time in ms for people: thousands separated; the infinities in words a learner can read. */
export function formatMs(t: number | null): string {
  if (t === null) return 'none yet';
  if (t === Infinity) return '+∞ (end of input)';
  if (t === -Infinity) return '−∞';
  return `${formatCount(t)} ms`;
}

/** A bare time for an axis or a window's bounds (no unit). */
export function formatTime(t: number): string {
  if (t === Infinity) return '+∞';
  if (t === -Infinity) return '−∞';
  return formatCount(t);
}

/** A window [start, end), as the engines write it. */
export function formatWindow(start: number, end: number): string {
  if (start === -Infinity && end === Infinity) return 'global';
  return `[${formatTime(start)}, ${formatTime(end)})`;
}

/**
 * What lateness made of a record, as a shape, a word and a colour (Okabe–Ito, colour-blind safe):
 * the shape and the word carry the meaning, the colour only repeats it.
 */
export const STATUS: Record<PointStatus, { mark: string; word: string; color: string }> = {
  'on-time': { mark: '●', word: 'on time', color: '#0072b2' },
  late: { mark: '◆', word: 'late, accepted', color: '#b45309' },
  dropped: { mark: '✕', word: 'dropped', color: '#c0392b' },
  'side-output': { mark: '▲', word: 'side output', color: '#8e44ad' },
};

export const STATUS_ORDER: readonly PointStatus[] = ['on-time', 'late', 'dropped', 'side-output'];

/** A window's state in words; each state also has its own outline (dashes) on the plot. */
export const WINDOW_STATE: Record<WindowBand['state'], { word: string; fill: string; dash: string }> = {
  open: { word: 'open', fill: '#56b4e9', dash: '6 3' },
  fired: { word: 'fired', fill: '#e69f00', dash: '' },
  purged: { word: 'purged', fill: '#9aa3ad', dash: '2 3' },
  merged: { word: 'merged', fill: '#9aa3ad', dash: '2 3' },
};
