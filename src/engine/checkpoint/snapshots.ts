import type { TxnInfo } from '../operators/TransactionalTable.ts';
import { TransactionalTable } from '../operators/TransactionalTable.ts';
import { type Dataflow, STEP_CHECKPOINT } from '../runtime/Dataflow.ts';
import type { InstanceRuntime } from '../runtime/Instance.ts';
import type { TaskSnapshot } from './CheckpointCoordinator.ts';
import type { Checkpointing } from './Checkpointing.ts';

/**
 * What one task saves for checkpoint `id`, and how it comes back from it. Every stateful thing is
 * covered: a source's read positions, an operator's state (exactly-once), a transactional sink's
 * transactions. New kinds of state (windows, timers) add their part here.
 */
export function taskSnapshot(
  engine: Dataflow,
  cp: Checkpointing,
  inst: InstanceRuntime,
  id: number,
): TaskSnapshot {
  const reader = inst.reader;
  if (reader !== null) return { positions: [...reader.positions], size: reader.positions.length };
  const logic = inst.logic;
  if (logic !== null) {
    // At-least-once restores only the sources: operator state is not saved.
    return cp.restoresState ? { state: logic.snapshotState(), size: logic.stateSize() } : { size: 0 };
  }
  const table = inst.component.table;
  if (table instanceof TransactionalTable) {
    const txn = table.preCommit(inst.sub, id);
    engine.observer?.({
      type: 'txn',
      time: engine.now,
      instance: inst.index,
      txn,
      checkpoint: id,
      state: 'pre-committed',
    });
    const sink = table.snapshot(inst.sub);
    return { sink, size: sink.pending.length + 1 };
  }
  return { size: 0 };
}

const TXN_OUTCOME = { committed: 5, aborted: 6, expired: 7 } as const;

/**
 * Brings a task back to a completed checkpoint's snapshot (`saved` undefined: none completed, back
 * to the beginning). Sources rewind; under exactly-once operators get their saved state back (under
 * at-least-once they keep what they have); transactional sinks commit what the checkpoint had
 * pre-committed and abort the rest.
 */
export function restoreTask(
  engine: Dataflow,
  cp: Checkpointing,
  inst: InstanceRuntime,
  saved: TaskSnapshot | undefined,
): void {
  const reader = inst.reader;
  if (reader !== null) {
    reader.seek(saved?.positions ?? reader.positions.map(() => 0));
    return;
  }
  const logic = inst.logic;
  if (logic !== null) {
    if (!cp.restoresState) return;
    if (saved?.state === undefined) logic.reset();
    else logic.restoreState(saved.state);
    // Processing-time timers are part of the state (early firings): they are set again.
    for (const time of logic.timers?.() ?? []) engine.registerOperatorTimer(inst, time);
    return;
  }
  const table = inst.component.table;
  if (table instanceof TransactionalTable) {
    for (const t of table.restore(inst.sub, saved?.sink, engine.now)) traceTxn(engine, inst, t);
  }
}

/** A transaction finished (committed, aborted, expired): into the trace hash, to the observer; an expired one's rows are lost. */
export function traceTxn(engine: Dataflow, inst: InstanceRuntime, t: TxnInfo): void {
  const state = t.state === 'committed' || t.state === 'expired' ? t.state : 'aborted';
  engine.foldStep(STEP_CHECKPOINT, inst.index, t.txn, TXN_OUTCOME[state]);
  for (const id of t.lostIds ?? []) engine.lose(id, inst.name, 'transaction-expired');
  engine.observer?.({
    type: 'txn',
    time: engine.now,
    instance: inst.index,
    txn: t.txn,
    checkpoint: t.checkpoint,
    state,
  });
}
