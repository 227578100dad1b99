import { describe, expect, it } from 'vitest';
import { TransactionalTable } from '../operators/TransactionalTable.ts';
import { KeyTable } from '../core/KeyTable.ts';
import { StreamRecord } from '../model/elements.ts';
import { BarrierAligner } from './BarrierAligner.ts';
import { BarrierDecision, type BarrierHandler } from './BarrierHandler.ts';
import { BarrierTracker } from './BarrierTracker.ts';
import { CheckpointCoordinator } from './CheckpointCoordinator.ts';
import { Restarts } from './RestartStrategy.ts';

const { ignore, wait, block, complete } = BarrierDecision;

describe('BarrierAligner (aligned, exactly-once)', () => {
  it('blocks each input that delivered barrier n until the last one does; measures the alignment', () => {
    const a = new BarrierAligner(3);
    expect(a.aligningCheckpoint).toBeNull();
    expect(a.onBarrier(0, 7, 10)).toBe(block);
    expect(a.aligning).toBe(true);
    expect(a.aligningCheckpoint).toBe(7);
    expect(a.onBarrier(2, 7, 14)).toBe(block);
    expect(a.onBarrier(1, 7, 25)).toBe(complete);
    expect(a.aligning).toBe(false);
    expect(a.aligningCheckpoint).toBeNull();
    expect(a.alignmentMs).toBe(15);
    expect(a.abandoned).toBeNull();
  });

  it('with one input it completes at once (no alignment)', () => {
    const a = new BarrierAligner(1);
    expect(a.onBarrier(0, 1, 5)).toBe(complete);
    expect(a.alignmentMs).toBe(0);
    expect(a.onBarrier(0, 2, 9)).toBe(complete);
  });

  it('a newer barrier abandons the unfinished alignment; older or finished barriers are ignored', () => {
    const a = new BarrierAligner(2);
    expect(a.onBarrier(0, 3, 0)).toBe(block);
    expect(a.onBarrier(1, 4, 1)).toBe(block);
    expect(a.abandoned).toBe(3);
    expect(a.onBarrier(0, 3, 2)).toBe(ignore);
    expect(a.abandoned).toBeNull();
    expect(a.onBarrier(0, 4, 3)).toBe(complete);
    expect(a.onBarrier(1, 4, 4)).toBe(ignore);
  });

  it('reset forgets the checkpoint in progress', () => {
    const a = new BarrierAligner(2);
    a.onBarrier(0, 5, 0);
    a.reset();
    expect(a.aligning).toBe(false);
    expect(a.onBarrier(0, 1, 0)).toBe(block);
  });
});

describe('BarrierTracker (at-least-once)', () => {
  it('never blocks; completes when every input delivered the barrier, subsuming older ones', () => {
    const t: BarrierHandler = new BarrierTracker(2);
    expect(t.onBarrier(0, 1, 0)).toBe(wait);
    expect(t.aligningCheckpoint).toBeNull();
    expect(t.onBarrier(0, 2, 1)).toBe(wait);
    expect(t.onBarrier(1, 2, 2)).toBe(complete);
    // Checkpoint 1 was subsumed by 2: its late barrier starts nothing.
    expect(t.onBarrier(1, 1, 3)).toBe(ignore);
  });
});

describe('CheckpointCoordinator', () => {
  it('completes n when every task acknowledged, keeps the last `retained`, records sizes and alignment', () => {
    const c = new CheckpointCoordinator([0, 1, 2], 2);
    for (let n = 1; n <= 3; n++) {
      const id = c.trigger(n * 100);
      expect(c.acknowledge(id, 0, { positions: [n], size: 1 }, n * 100)).toBe('pending');
      expect(c.acknowledge(id, 0, { size: 1 }, n * 100)).toBe('unknown');
      expect(c.acknowledge(id, 2, { size: 4 }, n * 100 + 3, 2)).toBe('pending');
      expect(c.acknowledge(id, 1, { size: 0 }, n * 100 + 5, 1)).toBe('completed');
    }
    expect(c.retainedCheckpoints().map((x) => x.id)).toEqual([2, 3]);
    expect(c.latest()!.tasks.get(0)).toEqual({ positions: [3], size: 1 });
    expect(c.history[2]).toMatchObject({
      id: 3,
      triggeredAt: 300,
      completedAt: 305,
      alignmentMs: 2,
      stateSize: 5,
    });
    expect(c.lastCompletedAt).toBe(305);
  });

  it('a completed checkpoint subsumes older pending ones; an aborted one takes no more acks', () => {
    const c = new CheckpointCoordinator([0], 3);
    const first = c.trigger(0);
    const second = c.trigger(1);
    expect(c.inFlight).toBe(2);
    c.acknowledge(second, 0, { size: 0 }, 2);
    expect(c.history[0]!.failure).toBe('subsumed');
    expect(c.acknowledge(first, 0, { size: 0 }, 3)).toBe('unknown');
    const third = c.trigger(4);
    expect(c.abort(third, 'expired')).toBe(true);
    expect(c.abort(third, 'again')).toBe(false);
    expect(c.acknowledge(third, 0, { size: 0 }, 5)).toBe('unknown');
    expect(c.latest()!.id).toBe(second);
  });
});

describe('restart strategies', () => {
  it('fixed delay: the delay, at most `attempts` times', () => {
    const r = new Restarts({ strategy: 'fixed-delay', delay: 300, attempts: 2 });
    expect([r.onFailure(0), r.onFailure(10), r.onFailure(20)]).toEqual([300, 300, null]);
  });

  it('failure rate: gives up when more than maxFailures fall within the interval', () => {
    const r = new Restarts({ strategy: 'failure-rate', delay: 50, maxFailures: 2, interval: 1000 });
    expect([r.onFailure(0), r.onFailure(500)]).toEqual([50, 50]);
    // The failure at 0 has left the window by 1000: two in the window, still tolerated.
    expect(r.onFailure(1000)).toBe(50);
    expect(r.onFailure(1200)).toBeNull();
  });

  it('none: never restarts', () => {
    expect(new Restarts({ strategy: 'none' }).onFailure(0)).toBeNull();
  });
});

describe('TransactionalTable (two-phase commit)', () => {
  const keys = new KeyTable();
  const rec = (id: number) => new StreamRecord(id, 'k', keys.intern('k'), id, 0, 0);

  it('readers see only committed rows; a commit covers every pre-committed transaction up to n, in order', () => {
    const t = new TransactionalTable(1, true, keys);
    t.write(rec(1), 1, 0);
    t.preCommit(0, 1);
    t.write(rec(2), 2, 0);
    t.preCommit(0, 2);
    t.write(rec(3), 3, 0);
    expect(t.rows()).toEqual([]);
    expect(t.uncommittedRows().map((r) => r.id)).toEqual([1, 2, 3]);
    // The notice for checkpoint 1 was lost: the one for 2 commits both, 1 first.
    expect(t.commit(0, 2, 5).map((x) => x.checkpoint)).toEqual([1, 2]);
    expect(t.rows().map((r) => r.id)).toEqual([1, 2]);
    expect(t.summary()).toEqual({
      committedRows: 2,
      uncommittedRows: 1,
      committedTxns: 2,
      abortedTxns: 0,
      expiredTxns: 0,
      lostRows: 0,
    });
    expect(t.commit(0, 2, 5)).toEqual([]);
  });

  it('recovery commits the restored checkpoint’s pending transactions (twice = once) and aborts the rest', () => {
    const t = new TransactionalTable(2, true, keys);
    t.write(rec(1), 1, 0);
    t.preCommit(0, 1);
    const saved = t.snapshot(0);
    t.commit(0, 1, 5);
    t.write(rec(2), 2, 0);
    t.preCommit(0, 2);
    t.write(rec(3), 3, 0);
    const changed = t.restore(0, saved, 5);
    expect(changed.map((x) => x.state)).toEqual(['aborted', 'aborted']);
    expect(t.rows().map((r) => r.id)).toEqual([1]);
    expect(t.hasUncommitted).toBe(false);
    // A snapshot whose pending transaction was never committed gets it committed on restore.
    t.write(rec(4), 4, 1);
    t.preCommit(1, 3);
    const pending = t.snapshot(1);
    expect(t.restore(1, pending, 5).map((x) => x.state)).toEqual(['committed', 'aborted']);
    expect(t.rows().map((r) => r.id)).toEqual([1, 4]);
  });

  it('a transaction the store expired before its commit is lost (Kafka transaction.timeout.ms)', () => {
    const t = new TransactionalTable(1, true, keys, 100);
    t.write(rec(1), 10, 0);
    t.preCommit(0, 1);
    t.write(rec(2), 20, 0);
    t.preCommit(0, 2);
    // At 115 the first transaction (first write at 10) has expired; the second has not.
    expect(t.commit(0, 2, 115).map((x) => x.state)).toEqual(['expired', 'committed']);
    expect(t.rows().map((r) => r.id)).toEqual([2]);
    expect(t.summary()).toMatchObject({ expiredTxns: 1, lostRows: 1, committedTxns: 1 });
  });

  it('without checkpoints every write commits at once', () => {
    const t = new TransactionalTable(1, false, keys);
    t.write(rec(1), 1, 0);
    expect(t.rows().map((r) => r.id)).toEqual([1]);
    expect(t.hasUncommitted).toBe(false);
  });
});
