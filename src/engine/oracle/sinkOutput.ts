import { TransactionalTable, type TxnInfo, type TxnSummary } from '../operators/TransactionalTable.ts';
import type { SinkRow } from '../operators/sinks.ts';
import type { Engine } from '../runtime/Engine.ts';
import type { Held, OutputRecords } from './causes.ts';
import { explainRows, type Explanation } from './explain.ts';
import { diffAppendRows, diffUpsertRows, type RowDiff } from './rowDiff.ts';

/** A transactional sink's transactions: its totals and what its unfinished transactions hold. */
export interface SinkTransactions {
  readonly summary: TxnSummary;
  /** Open and pre-committed transactions with rows, oldest first: not output yet. */
  readonly pending: readonly { readonly txn: TxnInfo; readonly rows: readonly SinkRow[] }[];
}

/** One sink's output beside the failure-free run's, each anomaly explained. */
export interface SinkOutput {
  readonly sink: string;
  readonly kind: 'append' | 'upsert' | 'transactional';
  /** Row by row; its totals are the sink's accuracy (compareSinks). */
  readonly diff: RowDiff;
  /** Per row of the diff: why it is missing, duplicated or wrong (null: correct). */
  readonly explanations: readonly (Explanation | null)[];
  /** Transactional sinks only. */
  readonly transactions: SinkTransactions | null;
}

/**
 * Compares one sink of `run` with the same sink of its failure-free `reference` (standing at the
 * same virtual time, as compareSinks wants them), row by row, and explains every anomaly from what
 * the run recorded and still holds.
 */
export function sinkOutput(run: Engine, reference: Engine, sinkId: string): SinkOutput {
  const table = run.rt.components.find((c) => c.id === sinkId)?.table;
  if (!table) throw new Error(`"${sinkId}" is not a sink`);
  const expected = reference.sinkRows(sinkId);
  const diff =
    table.kind === 'upsert' ? diffUpsertRows(expected, table.rows()) : diffAppendRows(expected, table.rows());
  const pending = table instanceof TransactionalTable ? table.pendingTransactions() : [];
  return {
    sink: sinkId,
    kind: table.kind,
    diff,
    explanations: explainRows(diff.rows, outputRecords(run, pending)),
    transactions: table instanceof TransactionalTable ? { summary: table.summary(), pending } : null,
  };
}

/** The run's records as the explanations read them, and where it holds events right now. */
export function outputRecords(run: Engine, pending: SinkTransactions['pending'] = []): OutputRecords {
  const cp = run.checkpointing;
  const stores = new Map<string, string>();
  for (const c of run.job.components) if (c.kind === 'analyzer') stores.set(c.id, c.store);
  const sources = run.rt.components.filter((c) => c.instances.some((i) => i.reader !== null));
  const again = readAgain(run);
  return {
    losses: run.losses,
    replays: run.replays,
    recoveries: cp?.recoveries ?? [],
    crashes: run.crashes,
    failures: run.failuresApplied,
    job: cp?.state ?? 'running',
    restoresState: cp?.restoresState ?? false,
    stores,
    held: held(run, pending),
    reading: (id) =>
      again.has(id) ? 'again' : sources.some((c) => c.perEvent.timesProcessed(id) > 0) ? 'read' : 'unread',
  };
}

/** Events in channels, in the sink's unfinished transactions, in acking's pending buffers. */
function held(run: Engine, pending: SinkTransactions['pending']): Map<number, Held> {
  const out = new Map<number, Held>();
  for (const { txn, rows } of pending) {
    for (const r of rows)
      out.set(r.id, { kind: 'uncommitted', txn: txn.txn, state: txn.state, checkpoint: txn.checkpoint });
  }
  for (const ch of run.rt.channels) {
    for (const { element } of ch.entries()) {
      if (element.kind === 'record' && !out.has(element.id))
        out.set(element.id, { kind: 'in-flight', where: run.channelName(ch) });
    }
  }
  const acking = run.acking;
  if (acking !== null) {
    acking.pending.forEach((buffer, slot) => {
      const where = run.rt.sourceInstances[slot]!.name;
      for (const e of buffer.list())
        if (!out.has(e.id)) out.set(e.id, { kind: 'tree-pending', where, attempt: e.attempt });
    });
  }
  return out;
}

/** Events a source read and will read again: its position went back (a rewind) before them. */
function readAgain(run: Engine): Set<number> {
  const out = new Set<number>();
  for (const inst of run.rt.sourceInstances) {
    const reader = inst.reader!;
    reader.positions.forEach((from, i) => {
      for (let offset = from; offset < reader.highWater[i]!; offset++) {
        const item = reader.reread(i, offset);
        if (item.kind === 'record') out.add(item.id);
      }
    });
  }
  return out;
}
