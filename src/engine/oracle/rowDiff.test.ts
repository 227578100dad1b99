import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SinkRow } from '../operators/sinks.ts';
import { diffAppend, diffUpsert } from './diff.ts';
import { diffAppendRows, diffUpsertRows, type DiffRow, type RowClass } from './rowDiff.ts';

const row = (id: number, key: string, value: number, at = 0): SinkRow => ({ id, key, value, at });
const counts = (k: string, ids: number[], from = 1) => ids.map((id, i) => row(id, k, from + i));
const classes = (rows: readonly DiffRow[]) => rows.map((r) => r.class);

/** Random rows over few keys, values and ids, so that matches, surplus and shared ids are common. */
const rows = fc.array(
  fc
    .tuple(
      fc.integer({ min: 0, max: 12 }),
      fc.constantFrom('a', 'b', 'c', 'd'),
      fc.integer({ min: 0, max: 4 }),
      fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    )
    .map(([id, key, value, window]): SinkRow => {
      const r = row(id, key, value);
      return window === undefined
        ? r
        : {
            ...r,
            pane: {
              start: window * 10,
              end: window * 10 + 10,
              timing: 'ON_TIME',
              index: 0,
              emittedAt: 0,
              watermark: 0,
              retraction: window === 3,
            },
          };
    }),
  { maxLength: 40 },
);

function countBy(rows: readonly DiffRow[]): Record<RowClass, number> {
  const n = { correct: 0, missing: 0, duplicated: 0, wrong: 0 };
  for (const r of rows) n[r.class]++;
  return n;
}

describe('diffAppendRows', () => {
  it('seed 7321: its totals are diffAppend’s, and every row of both sides is placed once', () => {
    fc.assert(
      fc.property(rows, rows, (expected, actual) => {
        const diff = diffAppendRows(expected, actual);
        expect(diff.accuracy).toEqual(diffAppend(expected, actual));
        expect(countBy(diff.rows)).toEqual({
          correct: diff.accuracy.correct,
          missing: diff.accuracy.missing,
          duplicated: diff.accuracy.duplicated,
          wrong: diff.accuracy.wrong,
        });
        // Each actual row appears once; each expected row once among correct, missing and wrong.
        expect(diff.rows.filter((r) => r.actual !== null).map((r) => r.actual)).toHaveLength(actual.length);
        expect(new Set(diff.rows.map((r) => r.actual).filter((r) => r !== null)).size).toBe(
          new Set(actual).size,
        );
        const matched = diff.rows.filter((r) => r.class !== 'duplicated' && r.expected !== null);
        expect(matched).toHaveLength(expected.length);
        for (const r of diff.rows) {
          if (r.class === 'correct') expect(r.actual!.value).toBe(r.expected!.value);
          if (r.class === 'duplicated') expect(r.expected!.id).toBe(r.actual!.id);
          if (r.class === 'missing') expect(r.actual).toBeNull();
        }
      }),
      { seed: 7321, numRuns: 500 },
    );
  });

  it('a lost event before a running count: the last count of the key is missing', () => {
    const diff = diffAppendRows(counts('k', [1, 2, 3, 4, 5]), counts('k', [1, 2, 4, 5]));
    expect(classes(diff.rows)).toEqual(['correct', 'correct', 'correct', 'correct', 'missing']);
    expect(diff.rows[4]!.expected).toEqual(row(5, 'k', 5));
  });

  it('a replayed event: the later copy is the duplicated one, beside its event’s failure-free row', () => {
    const diff = diffAppendRows(
      [row(1, 'k', 1), row(2, 'k', 2)],
      [row(1, 'k', 1), row(2, 'k', 2), row(2, 'k', 2, 9)],
    );
    const dup = diff.rows.find((r) => r.class === 'duplicated')!;
    expect(dup.actual).toEqual(row(2, 'k', 2, 9));
    expect(dup.expected).toEqual(row(2, 'k', 2));
  });

  it('a count that started over: wrong rows pair what it wrote with what it should have', () => {
    const diff = diffAppendRows(counts('k', [1, 2, 3, 4]), [...counts('k', [1, 2]), ...counts('k', [3, 4])]);
    expect(
      diff.rows.filter((r) => r.class === 'wrong').map((r) => [r.expected!.value, r.actual!.value]),
    ).toEqual([
      [3, 1],
      [4, 2],
    ]);
  });

  it('a row of an event the failure-free run never wrote is wrong, with nothing beside it', () => {
    expect(diffAppendRows([], [row(1, 'x', 1)]).rows).toEqual([
      { class: 'wrong', key: 'x', expected: null, actual: row(1, 'x', 1) },
    ]);
  });
});

describe('diffUpsertRows', () => {
  it('seed 1187: its totals are diffUpsert’s', () => {
    const table = rows.map((rs) => [...new Map(rs.map((r) => [r.key, r])).values()]);
    fc.assert(
      fc.property(table, table, (expected, actual) => {
        const diff = diffUpsertRows(expected, actual);
        expect(diff.accuracy).toEqual(diffUpsert(expected, actual));
        expect(countBy(diff.rows).duplicated).toBe(0);
      }),
      { seed: 1187, numRuns: 300 },
    );
  });

  it('aligns the two tables by key', () => {
    const diff = diffUpsertRows(
      [row(1, 'a', 3), row(2, 'b', 4), row(3, 'c', 1)],
      [row(1, 'a', 3), row(2, 'b', 5), row(9, 'z', 1)],
    );
    expect(
      diff.rows.map((r) => [r.key, r.class, r.expected?.value ?? null, r.actual?.value ?? null]),
    ).toEqual([
      ['a', 'correct', 3, 3],
      ['b', 'wrong', 4, 5],
      ['c', 'missing', 1, null],
      ['z', 'wrong', null, 1],
    ]);
  });
});
