import type { EdgeStatus, TreeStatus } from '../../../protocol/panels/acker.ts';

/**
 * A status as a shape and a word: colour is never the only signal. The shapes are in the fonts
 * every system has (DejaVu, Segoe UI Symbol…): ◷ is a clock face, where ⏱ needs an emoji font.
 */
export const TREE_STATUS: Record<TreeStatus, { glyph: string; word: string }> = {
  pending: { glyph: '…', word: 'pending' },
  acked: { glyph: '✓', word: 'acked' },
  failed: { glyph: '✕', word: 'failed' },
  'timed-out': { glyph: '◷', word: 'timed out' },
  lost: { glyph: '⊘', word: 'lost with its source' },
};

/**
 * An edge's status. In a tree that timed out, an edge still pending is the one nobody acked: it is
 * shown as such (the tree's verdict), not as merely pending.
 */
export function edgeStatus(status: EdgeStatus, tree: TreeStatus): { glyph: string; word: string } {
  if (status === 'pending' && tree === 'timed-out') return { glyph: '◷', word: 'never acked' };
  if (status === 'pending' && tree === 'lost') return { glyph: '⊘', word: 'never acked' };
  return TREE_STATUS[status];
}

/** The first 4 hex digits of a 64-bit id (the full id goes in a title). */
export function shortHex(hex: string): string {
  return hex.slice(0, 4);
}

/** 16 hex digits in groups of four, readable from the back of a room. */
export function groupedHex(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

const ms = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Virtual ms, with one decimal at most ("1,234.5 ms"). */
export function formatMs(t: number): string {
  return `${ms.format(t)} ms`;
}
