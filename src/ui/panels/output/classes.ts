import type { OutputShow, RowClass } from '../../../protocol/panels/output.ts';

/**
 * How each class of row is marked: a shape and a word, never colour alone (the colour only
 * repeats them).
 */
export const CLASS_MARK: Record<RowClass, { readonly glyph: string; readonly word: string }> = {
  correct: { glyph: '✓', word: 'correct' },
  missing: { glyph: '−', word: 'missing' },
  duplicated: { glyph: '+', word: 'duplicated' },
  wrong: { glyph: '≠', word: 'wrong' },
};

export const ROW_CLASSES: readonly RowClass[] = ['correct', 'missing', 'duplicated', 'wrong'];

/** The filter's choices, in order. */
export const SHOW_CHOICES: readonly { readonly show: OutputShow; readonly label: string }[] = [
  { show: 'anomalies', label: 'Anomalies' },
  { show: 'all', label: 'All rows' },
  { show: 'missing', label: 'Missing' },
  { show: 'duplicated', label: 'Duplicated' },
  { show: 'wrong', label: 'Wrong' },
  { show: 'correct', label: 'Correct' },
];
