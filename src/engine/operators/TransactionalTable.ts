import type { KeyTable } from '../core/KeyTable.ts';
import type { StreamRecord } from '../model/elements.ts';
import { RowBuffer } from './RowBuffer.ts';
import type { SinkRow, SinkTable } from './sinks.ts';

/** expired: the store aborted it (its transaction timeout passed before the commit): its rows are lost. */
export type TxnState = 'open' | 'pre-committed' | 'committed' | 'aborted' | 'expired';

/** One transaction as the sink panel shows it. */
export interface TxnInfo {
  readonly txn: number;
  readonly instance: number;
  /** The checkpoint that pre-committed it (null while open, or aborted while open). */
  readonly checkpoint: number | null;
  readonly state: TxnState;
  readonly rows: number;
  /** Expired: the ids of the events whose rows were lost. */
  readonly lostIds?: number[];
}

/** A transactional sink's totals (the CLI's `transactions`, the sink panel's header). */
export interface TxnSummary {
  /** Rows read_committed readers see. */
  readonly committedRows: number;
  /** Rows in open or pre-committed transactions (only read_uncommitted readers see them). */
  readonly uncommittedRows: number;
  readonly committedTxns: number;
  readonly abortedTxns: number;
  /** Transactions the store expired before their commit, and their rows (lost). */
  readonly expiredTxns: number;
  readonly lostRows: number;
}

/** What a sink instance saves in a checkpoint: the transactions to commit, and its open one. */
export interface TxnSnapshot {
  readonly pending: readonly { txn: number; checkpoint: number }[];
  readonly open: number;
}

interface Txn {
  readonly txn: number;
  readonly instance: number;
  checkpoint: number | null;
  state: TxnState;
  rows: RowBuffer;
  /** Time of the first write (-1: none yet); the transaction timeout runs from it. */
  startedAt: number;
}

/** Finished transactions kept for the sink panel (the newest). */
const FINISHED_KEPT = 64;

/**
 * A table written through transactions (Flink's TwoPhaseCommitSinkFunction, over a store like a
 * Kafka topic read with read_committed). Each sink instance writes into its open transaction; at
 * checkpoint n's barrier the transaction is pre-committed (flushed, still invisible) and a new one
 * opened; when the coordinator announces n complete, every pre-committed transaction up to n is
 * committed, in checkpoint order. Readers see committed rows only; {@link uncommittedRows} is the
 * read_uncommitted view.
 *
 * Without checkpoints nothing would ever commit a transaction: each write then commits at once.
 */
export class TransactionalTable implements SinkTable {
  readonly kind = 'transactional' as const;
  /** What readers see: the committed transactions' buffers, in commit order (a commit copies nothing). */
  private readonly committed: RowBuffer[] = [];
  private committedRows = 0;
  /** Without checkpoints: the rows, committed as they are written. */
  private readonly autocommitted = new RowBuffer();
  /** Unfinished transactions (open or pre-committed), oldest first. */
  private readonly live = new Map<number, Txn>();
  /** The newest finished transactions (committed or aborted), for the UI. */
  private readonly finished: TxnInfo[] = [];
  /** Each instance's open transaction. */
  private readonly open: Txn[] = [];
  private nextTxn = 1;
  private count = 0;
  /** Transactions committed and aborted so far. */
  private commits = 0;
  private aborts = 0;
  private expired = 0;
  private lostRows = 0;

  constructor(
    instances: number,
    /** False: no checkpoints will commit, so writes commit immediately. */
    private readonly transactional: boolean,
    private readonly keys: KeyTable,
    /** The store's transaction timeout (undefined: transactions never expire). */
    private readonly transactionTimeout?: number,
  ) {
    if (!transactional) this.committed.push(this.autocommitted);
    for (let i = 0; i < instances; i++) this.open.push(this.begin(i));
  }

  write(record: StreamRecord, at: number, instance: number): void {
    this.count++;
    if (this.transactional) {
      const t = this.open[instance]!;
      if (t.startedAt < 0) t.startedAt = at;
      t.rows.push(record, at);
    } else {
      this.autocommitted.push(record, at);
      this.committedRows++;
    }
  }

  get size(): number {
    return this.committedRows;
  }

  get writes(): number {
    return this.count;
  }

  /** What read_committed readers see, in commit order. */
  rows(): SinkRow[] {
    const out: SinkRow[] = [];
    for (const b of this.committed) b.readInto(out, this.keys);
    return out;
  }

  valuesOf(id: number): number[] {
    const out: number[] = [];
    for (const b of this.committed) b.valuesOf(id, out);
    return out;
  }

  /** What read_uncommitted readers see: committed rows, then pre-committed and open transactions. */
  uncommittedRows(): SinkRow[] {
    const out = this.rows();
    for (const t of this.live.values()) t.rows.readInto(out, this.keys);
    return out;
  }

  /** The unfinished transactions (open or pre-committed) that hold rows, oldest first, with their rows. */
  pendingTransactions(): { txn: TxnInfo; rows: SinkRow[] }[] {
    const out: { txn: TxnInfo; rows: SinkRow[] }[] = [];
    for (const t of this.live.values()) {
      if (t.rows.length > 0) out.push({ txn: info(t), rows: t.rows.readInto([], this.keys) });
    }
    return out;
  }

  /** Checkpoint `checkpoint`'s barrier reached the instance: pre-commit its transaction, open the next. */
  preCommit(instance: number, checkpoint: number): number {
    const t = this.open[instance]!;
    t.state = 'pre-committed';
    t.checkpoint = checkpoint;
    this.open[instance] = this.begin(instance);
    return t.txn;
  }

  /**
   * Checkpoint `upTo` completed: commits every pre-committed transaction of the instance up to it,
   * in checkpoint order (earlier notices may have been lost: this one covers them) — unless the
   * store expired it first. Returns them.
   */
  commit(instance: number, upTo: number, now: number): TxnInfo[] {
    const due: Txn[] = [];
    for (const t of this.live.values()) {
      if (t.instance === instance && t.state === 'pre-committed' && t.checkpoint! <= upTo) due.push(t);
    }
    due.sort((a, b) => a.checkpoint! - b.checkpoint!);
    return due.map((t) => this.finish(t, this.commitOutcome(t, now)));
  }

  /** What the instance saves in a checkpoint (taken right after {@link preCommit}). */
  snapshot(instance: number): TxnSnapshot {
    const pending: { txn: number; checkpoint: number }[] = [];
    for (const t of this.live.values()) {
      if (t.instance === instance && t.state === 'pre-committed')
        pending.push({ txn: t.txn, checkpoint: t.checkpoint! });
    }
    return { pending, open: this.open[instance]!.txn };
  }

  /**
   * Recovery: commits the transactions the restored checkpoint had pre-committed (committing twice
   * is committing once), aborts every other unfinished transaction of the instance — what the failed
   * attempt wrote after the checkpoint — and opens a new one. Returns what changed, in order.
   */
  restore(instance: number, snapshot: TxnSnapshot | undefined, now: number): TxnInfo[] {
    const keep = new Set((snapshot?.pending ?? []).map((p) => p.txn));
    const changed: TxnInfo[] = [];
    for (const t of [...this.live.values()]) {
      if (t.instance !== instance) continue;
      changed.push(this.finish(t, keep.has(t.txn) ? this.commitOutcome(t, now) : 'aborted'));
    }
    this.open[instance] = this.begin(instance);
    return changed;
  }

  /** Whether any transaction holds rows no read_committed reader sees yet. */
  get hasUncommitted(): boolean {
    for (const t of this.live.values()) if (t.rows.length > 0) return true;
    return false;
  }

  summary(): TxnSummary {
    let uncommittedRows = 0;
    for (const t of this.live.values()) uncommittedRows += t.rows.length;
    return {
      committedRows: this.committedRows,
      uncommittedRows,
      committedTxns: this.commits,
      abortedTxns: this.aborts,
      expiredTxns: this.expired,
      lostRows: this.lostRows,
    };
  }

  /** The newest finished transactions, then the unfinished ones, oldest first. */
  transactions(): TxnInfo[] {
    return [...this.finished, ...[...this.live.values()].map(info)];
  }

  /** Committing works unless the store's transaction timeout passed since the first write. */
  private commitOutcome(t: Txn, now: number): 'committed' | 'expired' {
    const timeout = this.transactionTimeout;
    return timeout !== undefined && t.startedAt >= 0 && now - t.startedAt > timeout ? 'expired' : 'committed';
  }

  private finish(t: Txn, state: 'committed' | 'aborted' | 'expired'): TxnInfo {
    t.state = state;
    const done = state === 'expired' ? { ...info(t), lostIds: t.rows.eventIds() } : info(t);
    if (state === 'committed') {
      if (t.rows.length > 0) this.committed.push(t.rows);
      this.committedRows += t.rows.length;
      this.commits++;
    } else if (state === 'expired') {
      this.expired++;
      this.lostRows += t.rows.length;
    } else this.aborts++;
    // The rows now belong to the committed table, or to nobody.
    t.rows = EMPTY;
    this.live.delete(t.txn);
    this.finished.push(done);
    if (this.finished.length > FINISHED_KEPT) this.finished.shift();
    return done;
  }

  private begin(instance: number): Txn {
    // Sized like the instance's previous transaction: one checkpoint's rows are much like the last's.
    const rows = new RowBuffer(this.open[instance]?.rows.length ?? 0);
    const t: Txn = { txn: this.nextTxn++, instance, checkpoint: null, state: 'open', rows, startedAt: -1 };
    this.live.set(t.txn, t);
    return t;
  }
}

const EMPTY = new RowBuffer();

function info(t: Txn): TxnInfo {
  return { txn: t.txn, instance: t.instance, checkpoint: t.checkpoint, state: t.state, rows: t.rows.length };
}
