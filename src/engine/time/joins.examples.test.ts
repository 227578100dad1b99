import { describe, expect, it } from 'vitest';
import type { SinkRow } from '../operators/sinks.ts';
import { el, runJoin, type Step } from '../test/timeline.ts';

/**
 * Join worked examples from the Kafka Streams developer guide and the Flink documentation. The
 * Kafka Streams tables use letters for values; here value n stands for the n-th letter, and a null
 * value (ignored by the join) is a tombstone.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const upper = (n: number) => LETTERS[n - 1]!.toUpperCase();
const lower = (n: number) => LETTERS[n - 1]!;
const name = (s: { value: number } | null, side: 'L' | 'R') =>
  s === null ? 'null' : side === 'L' ? upper(s.value) : lower(s.value);
const show = (rows: readonly SinkRow[]) =>
  rows.map((r) => `[${name(r.join!.left, 'L')}, ${name(r.join!.right, 'R')}]`);

/** A letter (1 = A/a) with its timestamp, arriving at that timestamp; null: a null-value record. */
const at = (letter: number | null, ts: number): Step => el('k', letter, ts, ts);

describe('Kafka Streams KStream-KStream join (dsl-api.html, "Semantics of stream-stream joins", Kafka 3.7)', () => {
  // All records share a key and arrive in timestamp order; JoinWindows.ofTimeDifferenceAndGrace(10, 5).
  // The published table's rows 14 and 15 pair records 11 apart, which a time difference of 10 does
  // not join (the docs kept them from the older single-window table); these are rows 1–13, rows 14
  // and 15 as a difference of 10 joins them, and the published tail 40/60/80/100.
  const left = [
    at(null, 1),
    at(1, 3),
    at(2, 5),
    at(null, 7),
    at(3, 9),
    at(null, 12),
    at(4, 15),
    at(5, 40),
    at(6, 60),
    at(7, 100),
  ];
  const right = [
    at(null, 2),
    at(1, 4),
    at(2, 6),
    at(null, 8),
    at(3, 10),
    at(null, 11),
    at(null, 13),
    at(4, 14),
    at(6, 80),
  ];
  const join = (type: string) => ({
    kind: 'join',
    type,
    before: 10,
    after: 10,
    grace: 5,
    clock: 'stream-time',
  });
  const inner = [
    '[A, a]',
    '[B, a]',
    '[A, b]',
    '[B, b]',
    '[C, a]',
    '[C, b]',
    '[A, c]',
    '[B, c]',
    '[C, c]',
    '[B, d]',
    '[C, d]',
    '[D, b]',
    '[D, c]',
    '[D, d]',
  ];

  it('inner join: every pair within 10 of each other, whichever side comes first', () => {
    expect(show(runJoin(join('inner'), left, right))).toEqual(inner);
  });

  it('left join: unmatched left records with a null partner once their window and grace have passed', () => {
    expect(show(runJoin(join('left'), left, right))).toEqual([...inner, '[E, null]', '[F, null]']);
  });

  it('outer join: unmatched records of both sides', () => {
    expect(show(runJoin(join('outer'), left, right))).toEqual([
      ...inner,
      '[E, null]',
      '[F, null]',
      '[null, f]',
    ]);
  });

  it('a pair carries the larger timestamp; an unmatched record its own', () => {
    const rows = runJoin(join('outer'), left, right);
    const ab = rows.find((r) => r.join!.left?.value === 1 && r.join!.right?.value === 2)!;
    expect([ab.join!.left!.eventTime, ab.join!.right!.eventTime]).toEqual([3, 6]);
    expect(rows.find((r) => r.join!.left?.value === 5 && r.join!.right === null)!.join!.left!.eventTime).toBe(
      40,
    );
  });
});

describe('Kafka Streams KStream-KTable join (dsl-api.html, "Semantics of stream-table joins")', () => {
  // The stream (left) and the table's changelog (right); a null value in the table deletes the key.
  const stream = [at(null, 1), at(1, 3), at(2, 5), at(null, 7), at(3, 9), at(null, 12), at(4, 15)];
  const table = [
    at(null, 2),
    at(1, 4),
    at(2, 6),
    at(null, 8),
    at(3, 10),
    at(null, 11),
    at(null, 13),
    at(4, 14),
  ];

  it('inner: only stream records whose key is in the table; table updates alone emit nothing', () => {
    expect(show(runJoin({ kind: 'table-join', type: 'inner' }, stream, table))).toEqual(['[B, a]', '[D, d]']);
  });

  it('left: every stream record, with a null table side when the key is absent (or deleted)', () => {
    expect(show(runJoin({ kind: 'table-join', type: 'left' }, stream, table))).toEqual([
      '[A, null]',
      '[B, a]',
      '[C, null]',
      '[D, d]',
    ]);
  });
});

describe('Flink interval join (joining.md, "Interval Join", figure interval-join.svg)', () => {
  // orange.intervalJoin(green).between(-2 ms, +1 ms): green ∈ [orange − 2, orange + 1], bounds included.
  it('joins every pair within the bounds, inclusive on both ends', () => {
    const orange = [0, 2, 3, 4, 5, 7].map((ts) => el('k', ts, ts, ts));
    const green = [0, 1, 6, 7].map((ts) => el('k', ts, ts, ts));
    const rows = runJoin({ kind: 'join', type: 'inner', before: 2, after: 1 }, orange, green);
    const pairs = rows.map((r) => `${r.join!.left!.value},${r.join!.right!.value}`).sort();
    expect(pairs).toEqual(['0,0', '0,1', '2,0', '2,1', '3,1', '5,6', '7,6', '7,7'].sort());
  });
});
