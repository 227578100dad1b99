import type { SinkRow } from '../operators/sinks.ts';
import { type Accuracy, emptyAccuracy, rowKey } from './diff.ts';

/** What one row of the comparison is (see {@link Accuracy}). */
export type RowClass = 'correct' | 'missing' | 'duplicated' | 'wrong';

/** One row of a sink's output aligned with the failure-free run's. */
export interface DiffRow {
  readonly class: RowClass;
  /** What the row is about: its key (a window's pane: key and window). */
  readonly key: string;
  /**
   * The failure-free run's row: the one matched (correct), absent here (missing) or paired with a
   * different value (wrong); for a duplicated row, the failure-free row of the same event. Null for
   * a row the failure-free run has nothing to pair with.
   */
  readonly expected: SinkRow | null;
  /** This run's row; null when missing. */
  readonly actual: SinkRow | null;
}

/** A sink's output compared row by row: the rows classified, and their totals. */
export interface RowDiff {
  /** Exactly what diffAppend / diffUpsert count for the same rows. */
  readonly accuracy: Accuracy;
  readonly rows: readonly DiffRow[];
}

/**
 * diffAppend, row by row: the same matching (per key, as multisets of values; the later copies of a
 * value are the extra ones; leftovers on both sides of a key paired as wrong values, in order), so
 * its totals are diffAppend's, with each row's class and its counterpart.
 */
export function diffAppendRows(expected: readonly SinkRow[], actual: readonly SinkRow[]): RowDiff {
  const exp = groupByKey(expected);
  const act = groupByKey(actual);
  const byId = new Map<number, SinkRow>();
  for (const r of expected) if (!byId.has(r.id)) byId.set(r.id, r);
  const rows: DiffRow[] = [];
  for (const [key, a] of act) {
    const e = exp.get(key) ?? new Map<number, SinkRow[]>();
    const surplus: SinkRow[] = [];
    for (const [value, copies] of a) {
      const matches = e.get(value) ?? [];
      const common = Math.min(matches.length, copies.length);
      for (let i = 0; i < common; i++)
        rows.push({ class: 'correct', key, expected: matches[i]!, actual: copies[i]! });
      surplus.push(...copies.slice(common));
    }
    const leftover: SinkRow[] = [];
    for (const [value, wanted] of e) leftover.push(...wanted.slice(a.get(value)?.length ?? 0));
    const paired = Math.min(leftover.length, surplus.length);
    for (let i = 0; i < paired; i++)
      rows.push({ class: 'wrong', key, expected: leftover[i]!, actual: surplus[i]! });
    for (const missing of leftover.slice(paired))
      rows.push({ class: 'missing', key, expected: missing, actual: null });
    for (const extra of surplus.slice(paired)) {
      const original = byId.get(extra.id);
      rows.push(
        original === undefined
          ? { class: 'wrong', key, expected: null, actual: extra }
          : { class: 'duplicated', key, expected: original, actual: extra },
      );
    }
  }
  for (const [key, e] of exp) {
    if (act.has(key)) continue;
    for (const wanted of e.values())
      for (const missing of wanted) rows.push({ class: 'missing', key, expected: missing, actual: null });
  }
  return { accuracy: tally(rows, expected.length, actual.length), rows };
}

/** diffUpsert, row by row: the final value of each key. */
export function diffUpsertRows(expected: readonly SinkRow[], actual: readonly SinkRow[]): RowDiff {
  const exp = new Map(expected.map((r) => [r.key, r]));
  const act = new Map(actual.map((r) => [r.key, r]));
  const rows: DiffRow[] = [];
  for (const [key, e] of exp) {
    const a = act.get(key);
    if (a === undefined) rows.push({ class: 'missing', key, expected: e, actual: null });
    else rows.push({ class: a.value === e.value ? 'correct' : 'wrong', key, expected: e, actual: a });
  }
  for (const [key, a] of act)
    if (!exp.has(key)) rows.push({ class: 'wrong', key, expected: null, actual: a });
  return { accuracy: tally(rows, exp.size, act.size), rows };
}

function tally(rows: readonly DiffRow[], expected: number, actual: number): Accuracy {
  const acc = emptyAccuracy();
  acc.expected = expected;
  acc.actual = actual;
  for (const r of rows) acc[r.class]++;
  const all = acc.correct + acc.missing + acc.duplicated + acc.wrong;
  acc.score = all === 0 ? 1 : acc.correct / all;
  return acc;
}

/** key → value → the rows with that content, in write order. */
function groupByKey(rows: readonly SinkRow[]): Map<string, Map<number, SinkRow[]>> {
  const out = new Map<string, Map<number, SinkRow[]>>();
  for (const r of rows) {
    const key = rowKey(r);
    let values = out.get(key);
    if (!values) out.set(key, (values = new Map()));
    const same = values.get(r.value);
    if (same) same.push(r);
    else values.set(r.value, [r]);
  }
  return out;
}
