import type { MarkerKind } from '../../../protocol/panels/metrics.ts';

/**
 * How the metrics charts tell lines apart without relying on colour: Okabe–Ito colours (safe for
 * the common colour-vision deficiencies), each with its own dash pattern, and a legend in words.
 */
export const LINE_STYLES: readonly { readonly color: string; readonly dash: string }[] = [
  { color: '#0072B2', dash: '' },
  { color: '#D55E00', dash: '9 4' },
  { color: '#009E73', dash: '2 3' },
  { color: '#CC79A7', dash: '12 3 3 3' },
  { color: '#E69F00', dash: '5 5' },
  { color: '#56B4E9', dash: '1 4' },
  { color: '#000000', dash: '14 4' },
  { color: '#7a5195', dash: '3 2 3 6' },
];

export function lineStyle(index: number): { readonly color: string; readonly dash: string } {
  return LINE_STYLES[index % LINE_STYLES.length]!;
}

/** A shape and a word per kind of marker, as on the timeline under the job. */
export const MARKER_STYLES: Record<
  MarkerKind,
  { readonly mark: string; readonly word: string; readonly color: string; readonly dash: string }
> = {
  failure: { mark: '✕', word: 'failure', color: '#b91c1c', dash: '' },
  failover: { mark: '↺', word: 'failover', color: '#7c3aed', dash: '6 3' },
  restart: { mark: '↻', word: 'restart', color: '#047857', dash: '2 3' },
  'job-failed': { mark: '■', word: 'job failed', color: '#1b1f24', dash: '' },
  checkpoint: { mark: '▮', word: 'checkpoint completed', color: '#64748b', dash: '1 4' },
  'checkpoint-failed': { mark: '!', word: 'checkpoint failed', color: '#b45309', dash: '4 2' },
};
