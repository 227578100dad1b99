import { type SinkRow, type UpsertTable, windowKey } from '../operators/sinks.ts';

/**
 * How a sink's output compares with the failure-free run's. Every row is exactly one of correct,
 * missing (expected but absent), duplicated (an extra copy of an expected row) or wrong (a
 * different value, or a row the failure-free run never wrote).
 */
export interface Accuracy {
  /** Rows the failure-free run wrote. */
  expected: number;
  /** Rows this run wrote. */
  actual: number;
  correct: number;
  missing: number;
  duplicated: number;
  wrong: number;
  /** correct / (correct + missing + duplicated + wrong); 1 when the output is exact. */
  score: number;
}

export function emptyAccuracy(): Accuracy {
  return { expected: 0, actual: 0, correct: 0, missing: 0, duplicated: 0, wrong: 0, score: 1 };
}

function finish(a: Accuracy): Accuracy {
  const all = a.correct + a.missing + a.duplicated + a.wrong;
  a.score = all === 0 ? 1 : a.correct / all;
  return a;
}

/** Adds up accuracies (of several sinks). */
export function sumAccuracy(parts: readonly Accuracy[]): Accuracy {
  const total = emptyAccuracy();
  for (const p of parts) {
    total.expected += p.expected;
    total.actual += p.actual;
    total.correct += p.correct;
    total.missing += p.missing;
    total.duplicated += p.duplicated;
    total.wrong += p.wrong;
  }
  return finish(total);
}

/**
 * Compares append-sink outputs as multisets of (key, value) rows, per key. Comparing content rather
 * than write order or lineage makes the diff independent of interleaving: a running count emits
 * 1, 2, …, n for a key whatever order its inputs arrived in.
 *
 * Rows that do not match are paired up per key as wrong values; what is left over is missing (the
 * failure-free run wrote more) or surplus. A surplus row caused by an event the failure-free run
 * also processed is a duplicate (the event was delivered again); any other surplus row is wrong.
 */
export function diffAppend(expected: readonly SinkRow[], actual: readonly SinkRow[]): Accuracy {
  const exp = groupByKey(expected);
  const act = groupByKey(actual);
  const expectedIds = new Set(expected.map((r) => r.id));
  const acc = emptyAccuracy();
  acc.expected = expected.length;
  acc.actual = actual.length;
  for (const [key, a] of act) {
    const e = exp.get(key) ?? new Map<number, number[]>();
    let leftoverExpected = 0;
    const surplus: number[] = [];
    for (const [value, ids] of a) {
      const ne = e.get(value)?.length ?? 0;
      const common = Math.min(ne, ids.length);
      acc.correct += common;
      // The later copies are the extra ones: a replay writes after the original.
      surplus.push(...ids.slice(common));
    }
    for (const [value, ids] of e) leftoverExpected += Math.max(0, ids.length - (a.get(value)?.length ?? 0));
    const paired = Math.min(leftoverExpected, surplus.length);
    acc.wrong += paired;
    acc.missing += leftoverExpected - paired;
    for (const id of surplus.slice(paired)) {
      if (expectedIds.has(id)) acc.duplicated++;
      else acc.wrong++;
    }
  }
  for (const [key, e] of exp) {
    if (act.has(key)) continue;
    for (const ids of e.values()) acc.missing += ids.length;
  }
  return finish(acc);
}

/** Compares upsert-sink tables key by key (the final value of each key). */
export function diffUpsert(expected: readonly SinkRow[], actual: readonly SinkRow[]): Accuracy {
  const exp = new Map(expected.map((r) => [r.key, r.value]));
  const act = new Map(actual.map((r) => [r.key, r.value]));
  const acc = emptyAccuracy();
  acc.expected = exp.size;
  acc.actual = act.size;
  for (const [key, value] of exp) {
    if (!act.has(key)) acc.missing++;
    else if (act.get(key) === value) acc.correct++;
    else acc.wrong++;
  }
  for (const key of act.keys()) if (!exp.has(key)) acc.wrong++;
  return finish(acc);
}

/**
 * diffUpsert straight on two upsert tables: the same result without building and sorting rows,
 * so the playground can compare large tables while a run plays.
 */
export function diffUpsertTables(expected: UpsertTable, actual: UpsertTable): Accuracy {
  const acc = emptyAccuracy();
  acc.expected = expected.size;
  acc.actual = actual.size;
  expected.forEachValue((key, value) => {
    const v = actual.valueOf(key);
    if (v === undefined) acc.missing++;
    else if (v === value) acc.correct++;
    else acc.wrong++;
  });
  actual.forEachValue((key) => {
    if (expected.valueOf(key) === undefined) acc.wrong++;
  });
  return finish(acc);
}

/**
 * What a row is about: its key — for a window's pane, the key and the window (a retraction apart
 * from the pane it takes back).
 */
export function rowKey(r: SinkRow): string {
  if (r.pane === undefined) return r.key;
  return windowKey(r.key, r.pane) + (r.pane.retraction ? ' retracted' : '');
}

/** key → value → ids of the rows with that content, in write order. */
function groupByKey(rows: readonly SinkRow[]): Map<string, Map<number, number[]>> {
  const out = new Map<string, Map<number, number[]>>();
  for (const r of rows) {
    const key = rowKey(r);
    let values = out.get(key);
    if (!values) out.set(key, (values = new Map()));
    const ids = values.get(r.value);
    if (ids) ids.push(r.id);
    else values.set(r.value, [r.id]);
  }
  return out;
}
