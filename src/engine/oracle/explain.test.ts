import { describe, expect, it } from 'vitest';
import type { SinkRow } from '../operators/sinks.ts';
import type { Held, OutputRecords } from './causes.ts';
import { explainRows } from './explain.ts';
import { diffAppendRows, diffUpsertRows } from './rowDiff.ts';

const row = (id: number, key: string, value: number, at = 0): SinkRow => ({ id, key, value, at });
/** A running count of key k over events `ids`, written at time 10 × id. */
const counts = (k: string, ids: number[], from = 1) => ids.map((id, i) => row(id, k, from + i, id * 10));

function records(over: Partial<OutputRecords> = {}): OutputRecords {
  return {
    losses: [],
    replays: [],
    recoveries: [],
    crashes: [],
    failures: [],
    job: 'running',
    restoresState: false,
    stores: new Map(),
    held: new Map<number, Held>(),
    reading: () => 'read',
    ...over,
  };
}

/** The explanations of the anomalies, as [class, text]. */
function explained(diff: ReturnType<typeof diffAppendRows>, recs: OutputRecords) {
  const why = explainRows(diff.rows, recs);
  return diff.rows.flatMap((r, i) => (why[i] === null ? [] : [[r.class, why[i]!.text]]));
}

describe('explainRows: missing rows', () => {
  it('a lost event explains the row of its key that is missing, one to one', () => {
    const diff = diffAppendRows(counts('k', [1, 2, 3, 4, 5]), counts('k', [1, 2, 4, 5]));
    const recs = records({ losses: [{ id: 3, time: 3200, where: 'analyzer#1', reason: 'crashed-queued' }] });
    expect(explained(diff, recs)).toEqual([
      ['missing', 'event 3 of this key was lost when analyzer#1 crashed at t=3200 ms (it was queued there)'],
    ]);
    expect(explainRows(diff.rows, recs).find((e) => e !== null)).toMatchObject({ cause: 'lost', event: 3 });
  });

  it('its own event first, and no more causes than records: the rest has no recorded cause', () => {
    const diff = diffAppendRows([row(1, 'a', 1), row(2, 'a', 2), row(3, 'b', 1)], []);
    const recs = records({ losses: [{ id: 2, time: 50, where: 'map#0', reason: 'instance-down' }] });
    expect(explained(diff, recs)).toEqual([
      ['missing', 'no recorded cause'],
      ['missing', 'lost when map#0 was down: it arrived at t=50 ms'],
      ['missing', 'no recorded cause'],
    ]);
  });

  it('a loss of an event of another key explains nothing here', () => {
    const diff = diffAppendRows([row(1, 'a', 1), row(2, 'b', 1)], [row(2, 'b', 1)]);
    const recs = records({ losses: [{ id: 2, time: 50, where: 'map#0', reason: 'instance-down' }] });
    expect(explained(diff, recs)).toEqual([['missing', 'no recorded cause']]);
  });

  it('the store outage or fail-events span that made processing fail is named', () => {
    const diff = diffAppendRows([row(1, 'a', 1), row(2, 'a', 2)], []);
    const recs = records({
      losses: [
        { id: 1, time: 3011, where: 'analyzer#1', reason: 'processing-failed' },
        { id: 2, time: 5000, where: 'analyzer#0', reason: 'processing-failed' },
      ],
      stores: new Map([['analyzer', 'fraud-store']]),
      failures: [
        { time: 3000, failure: { action: 'store-outage', store: 'fraud-store', duration: 1500 } },
        {
          time: 4900,
          failure: {
            action: 'fail-events',
            component: 'analyzer',
            instance: 0,
            probability: 1,
            duration: 200,
          },
        },
      ],
    });
    expect(explained(diff, recs)).toEqual([
      ['missing', 'lost at t=3011 ms: processing failed at analyzer#1 (fraud-store was down)'],
      ['missing', 'lost at t=5000 ms: processing failed at analyzer#0 (a fail-events failure was on)'],
    ]);
  });

  it('an event still held is not written yet: on its way, in a transaction, unread, to be read again', () => {
    const diff = diffAppendRows([row(1, 'a', 1), row(2, 'b', 1), row(3, 'c', 1), row(4, 'd', 1)], []);
    const recs = records({
      held: new Map<number, Held>([
        [1, { kind: 'in-flight', where: 'counter#0 → log#0' }],
        [2, { kind: 'uncommitted', txn: 7, state: 'pre-committed', checkpoint: 4 }],
      ]),
      recoveries: [{ at: 5600, reason: 'counter#0 crashed', restoredCheckpoint: 5, restartedAt: 6100 }],
      reading: (id) => (id === 3 ? 'unread' : 'again'),
    });
    expect(explained(diff, recs).map(([, text]) => text)).toEqual([
      'not written yet: still on its way (on counter#0 → log#0)',
      'written into transaction 7 (pre-committed at checkpoint 4), not committed yet',
      'not written yet: its source has not read it yet',
      'not written yet: the failover at t=5600 ms undid it; its source reads it again from checkpoint 5',
    ]);
  });
});

describe('explainRows: duplicated rows', () => {
  it('the replay of its event after a restored checkpoint', () => {
    const diff = diffAppendRows([row(1, 'k', 1)], [row(1, 'k', 1, 10), row(1, 'k', 1, 612)]);
    const recs = records({
      replays: [
        { id: 1, time: 6100, where: 'clicks#0', cause: 'rewind', attempt: 0, root: -1, checkpoint: 5 },
      ],
      recoveries: [{ at: 5600, reason: 'counter#0 crashed', restoredCheckpoint: 5, restartedAt: 6100 }],
      restoresState: true,
    });
    expect(explained(diff, recs)).toEqual([
      [
        'duplicated',
        'replayed after checkpoint 5 was restored (failover at t=5600 ms: counter#0 crashed); read again by clicks#0 at t=6100 ms',
      ],
    ]);
  });

  it('the replay of an acked-out tree, by attempt', () => {
    const diff = diffAppendRows([row(1, 'k', 1)], [row(1, 'k', 1), row(1, 'k', 1)]);
    const recs = records({
      replays: [{ id: 1, time: 3000, where: 'src#0', cause: 'timed-out', attempt: 2, root: 9 }],
    });
    expect(explained(diff, recs)).toEqual([
      ['duplicated', 'replayed by its source after its tree timed out (attempt 2, t=3000 ms)'],
    ]);
  });

  it('without a replay of its key, no recorded cause', () => {
    const diff = diffAppendRows([row(1, 'k', 1)], [row(1, 'k', 1), row(1, 'k', 1)]);
    expect(explained(diff, records())).toEqual([['duplicated', 'no recorded cause']]);
  });
});

describe('explainRows: wrong values', () => {
  const restarted = diffAppendRows(counts('k', [1, 2, 3, 4]), [
    ...counts('k', [1, 2]),
    ...counts('k', [3, 4]),
  ]);
  const crash = {
    time: 25,
    where: 'counter#0',
    component: 'counter',
    stateEntries: 3,
    stateKeys: ['k', 'x'],
  };

  it('a crash that lost the state of its key: the count started over', () => {
    expect(explained(restarted, records({ crashes: [crash] }))).toEqual([
      [
        'wrong',
        "different value: 1 here, 3 in the failure-free run; counter#0 crashed at t=25 ms and lost its state, k's among it: it started over from nothing",
      ],
      [
        'wrong',
        "different value: 2 here, 4 in the failure-free run; counter#0 crashed at t=25 ms and lost its state, k's among it: it started over from nothing",
      ],
    ]);
  });

  it('not a crash that held other keys, nor one restored from a checkpoint, nor one after the write', () => {
    const texts = (recs: OutputRecords) => explained(restarted, recs).map(([, t]) => t);
    const noCause = [
      'different value: 1 here, 3 in the failure-free run; no recorded cause',
      'different value: 2 here, 4 in the failure-free run; no recorded cause',
    ];
    expect(texts(records({ crashes: [{ ...crash, stateKeys: ['x'] }] }))).toEqual(noCause);
    expect(texts(records({ crashes: [crash], restoresState: true }))).toEqual(noCause);
    expect(texts(records({ crashes: [{ ...crash, time: 45 }] }))).toEqual(noCause);
  });

  it('an upsert key written more often here, its event replayed into state that kept counting', () => {
    const diff = diffUpsertRows([{ ...row(5, 'k', 3), writes: 3 }], [{ ...row(5, 'k', 4, 90), writes: 4 }]);
    const recs = records({
      replays: [{ id: 5, time: 80, where: 'src#0', cause: 'rewind', attempt: 0, root: -1, checkpoint: null }],
    });
    expect(explained(diff, recs)).toEqual([
      [
        'wrong',
        'different value: 4 here, 3 in the failure-free run; written 4 times here, 3 there; replayed from the start after the failover, no checkpoint having completed; read again by src#0 at t=80 ms, and counted again: the operators kept what they had counted before',
      ],
    ]);
  });

  it('a row the failure-free run never wrote', () => {
    expect(explained(diffAppendRows([], [row(1, 'x', 1)]), records())).toEqual([
      ['wrong', 'not in the failure-free run (1 here); no recorded cause'],
    ]);
  });
});
