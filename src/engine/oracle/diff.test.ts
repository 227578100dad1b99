import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyTable } from '../core/KeyTable.ts';
import { StreamRecord } from '../model/elements.ts';
import { type SinkRow, UpsertTable } from '../operators/sinks.ts';
import { diffAppend, diffUpsert, diffUpsertTables, sumAccuracy } from './diff.ts';

const row = (id: number, key: string, value: number): SinkRow => ({ id, key, value, at: 0 });
/** A running count of key k over events ids, starting at `from`. */
const counts = (k: string, ids: number[], from = 1) => ids.map((id, i) => row(id, k, from + i));

describe('diffAppend', () => {
  it('identical output is exact', () => {
    const rows = counts('k', [1, 2, 3]);
    expect(diffAppend(rows, rows)).toMatchObject({
      correct: 3,
      missing: 0,
      duplicated: 0,
      wrong: 0,
      score: 1,
    });
  });

  it('a lost event before a running count shows as one missing row', () => {
    const expected = counts('k', [1, 2, 3, 4, 5]);
    const actual = counts('k', [1, 2, 4, 5]); // event 3 lost: later counts shift down
    expect(diffAppend(expected, actual)).toMatchObject({ correct: 4, missing: 1, duplicated: 0, wrong: 0 });
  });

  it('a replayed event shows as one duplicated row', () => {
    const expected = counts('k', [1, 2, 3]);
    const actual = counts('k', [1, 2, 2, 3]); // event 2 counted twice
    expect(diffAppend(expected, actual)).toMatchObject({ correct: 3, duplicated: 1, missing: 0, wrong: 0 });
  });

  it('lost state shows as wrong values, not duplicates', () => {
    const expected = counts('k', [1, 2, 3, 4]);
    const actual = [...counts('k', [1, 2]), ...counts('k', [3, 4])]; // the count restarted at 0
    expect(diffAppend(expected, actual)).toMatchObject({ correct: 2, wrong: 2, duplicated: 0, missing: 0 });
  });

  it('a different interleaving of the same counts is still correct', () => {
    const expected = counts('k', [1, 2, 3]);
    const actual = counts('k', [2, 1, 3]);
    expect(diffAppend(expected, actual)).toMatchObject({ correct: 3, wrong: 0 });
  });

  it('rows for a key the failure-free run never wrote are wrong', () => {
    expect(diffAppend([], [row(1, 'x', 1)])).toMatchObject({ wrong: 1, correct: 0, score: 0 });
    expect(diffAppend([row(1, 'x', 1)], [])).toMatchObject({ missing: 1, score: 0 });
  });
});

describe('diffUpsert', () => {
  it('compares the final value of each key', () => {
    const expected = [row(1, 'a', 3), row(2, 'b', 4), row(3, 'c', 1)];
    const actual = [row(1, 'a', 3), row(2, 'b', 5), row(9, 'z', 1)];
    expect(diffUpsert(expected, actual)).toMatchObject({ correct: 1, wrong: 2, missing: 1, duplicated: 0 });
  });
});

describe('diffUpsertTables', () => {
  /** An upsert table after `writes` of (key, value); each table interns keys in its own order. */
  const table = (writes: readonly (readonly [string, number])[]) => {
    const keys = new KeyTable();
    const t = new UpsertTable('key', keys);
    writes.forEach(([k, v], i) => t.write(new StreamRecord(i, k, keys.intern(k), v, 0, 0), i));
    return t;
  };
  const writes = fc.array(
    fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.integer({ min: 0, max: 3 })),
    { maxLength: 30 },
  );

  it('seed 4242: gives what diffUpsert gives on the tables’ rows', () => {
    fc.assert(
      fc.property(writes, writes, (e, a) => {
        const expected = table(e);
        const actual = table(a);
        expect(diffUpsertTables(expected, actual)).toEqual(diffUpsert(expected.rows(), actual.rows()));
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});

describe('sumAccuracy', () => {
  it('adds sinks and recomputes the score', () => {
    const a = diffAppend(counts('k', [1, 2]), counts('k', [1, 2]));
    const b = diffAppend(counts('k', [1, 2]), counts('k', [1]));
    expect(sumAccuracy([a, b])).toMatchObject({ expected: 4, correct: 3, missing: 1, score: 0.75 });
  });
});
