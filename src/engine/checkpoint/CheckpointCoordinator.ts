import type { TxnSnapshot } from '../operators/TransactionalTable.ts';

/**
 * Flink's CheckpointCoordinator, reduced to its protocol: trigger checkpoint n (the engine then
 * snapshots every source and injects barrier n), collect one acknowledgement per task, complete n
 * when every task has acknowledged, keep completed checkpoints in a store (the last `retained`), and
 * abort what cannot complete (declined, timed out, subsumed, a failover). Pure bookkeeping: it moves
 * no element itself.
 */

/** What a task saved for a checkpoint: a source's read positions, an operator's state, a sink's transactions. */
export interface TaskSnapshot {
  /** Sources: next offset per owned partition. */
  readonly positions?: readonly number[];
  /** Operators (exactly-once): a copy of the state, as plain data. */
  readonly state?: unknown;
  /** Transactional sinks: the pre-committed transactions and the open one. */
  readonly sink?: TxnSnapshot;
  /** Size of what was saved, in entries (keys, ids, offsets, transactions). */
  readonly size: number;
}

export interface CompletedCheckpoint {
  readonly id: number;
  readonly triggeredAt: number;
  readonly completedAt: number;
  /** Per task (global instance index). */
  readonly tasks: ReadonlyMap<number, TaskSnapshot>;
}

/** One line of the checkpoint history (the CLI's `checkpoints`, the UI's timeline). */
export interface CheckpointRecord {
  readonly id: number;
  readonly triggeredAt: number;
  completedAt?: number;
  /** Why it did not complete (declined, timed out, subsumed, aborted by a failover). */
  failure?: string;
  /** The longest alignment of any task (ms: first barrier to last). */
  alignmentMs: number;
  /** Total size of the task snapshots, in entries. */
  stateSize: number;
  /** Tasks that acknowledged: when (ms after the trigger), how long they aligned, what they saved. */
  readonly acks: { instance: number; at: number; alignmentMs: number; size: number }[];
}

interface PendingCheckpoint {
  readonly id: number;
  readonly triggeredAt: number;
  readonly waiting: Set<number>;
  readonly tasks: Map<number, TaskSnapshot>;
  readonly record: CheckpointRecord;
}

export type AckResult = 'completed' | 'pending' | 'unknown';

export class CheckpointCoordinator {
  private nextId = 1;
  private readonly pending = new Map<number, PendingCheckpoint>();
  private readonly completed: CompletedCheckpoint[] = [];
  /** Every checkpoint triggered, in order. */
  readonly history: CheckpointRecord[] = [];
  /** When the last checkpoint completed (for the minimum pause). */
  lastCompletedAt = -Infinity;

  constructor(
    /** Every task that must acknowledge (global instance indices). */
    private readonly tasks: readonly number[],
    private readonly retained = 3,
  ) {}

  /** Checkpoints triggered and not yet completed or aborted. */
  get inFlight(): number {
    return this.pending.size;
  }

  isPending(id: number): boolean {
    return this.pending.has(id);
  }

  /** Starts checkpoint n; returns n. */
  trigger(now: number): number {
    const id = this.nextId++;
    const record: CheckpointRecord = { id, triggeredAt: now, alignmentMs: 0, stateSize: 0, acks: [] };
    this.history.push(record);
    this.pending.set(id, { id, triggeredAt: now, waiting: new Set(this.tasks), tasks: new Map(), record });
    return id;
  }

  /** A task finished its snapshot for checkpoint `id`. */
  acknowledge(id: number, task: number, snapshot: TaskSnapshot, now: number, alignmentMs = 0): AckResult {
    const p = this.pending.get(id);
    if (p === undefined || !p.waiting.delete(task)) return 'unknown';
    p.tasks.set(task, snapshot);
    const r = p.record;
    r.acks.push({ instance: task, at: now - p.triggeredAt, alignmentMs, size: snapshot.size });
    r.alignmentMs = Math.max(r.alignmentMs, alignmentMs);
    r.stateSize += snapshot.size;
    if (p.waiting.size > 0) return 'pending';
    this.pending.delete(id);
    r.completedAt = now;
    this.lastCompletedAt = now;
    this.completed.push({ id, triggeredAt: p.triggeredAt, completedAt: now, tasks: p.tasks });
    // The store keeps the last `retained` checkpoints; older ones are cleaned up.
    while (this.completed.length > this.retained) this.completed.shift();
    // A completed checkpoint subsumes older pending ones.
    for (const older of [...this.pending.keys()]) if (older < id) this.abort(older, 'subsumed');
    return 'completed';
  }

  /** Aborts a checkpoint in progress; returns false when it was not (any longer) in progress. */
  abort(id: number, reason: string): boolean {
    const p = this.pending.get(id);
    if (p === undefined) return false;
    this.pending.delete(id);
    p.record.failure = reason;
    return true;
  }

  /** Aborts every checkpoint in progress; returns their ids. */
  abortAll(reason: string): number[] {
    const ids = [...this.pending.keys()];
    for (const id of ids) this.abort(id, reason);
    return ids;
  }

  /** Checkpoints in progress: how many tasks acknowledged so far, of how many. */
  pendingView(): { id: number; triggeredAt: number; acknowledged: number; tasks: number }[] {
    return [...this.pending.values()].map((p) => ({
      id: p.id,
      triggeredAt: p.triggeredAt,
      acknowledged: this.tasks.length - p.waiting.size,
      tasks: this.tasks.length,
    }));
  }

  /** The newest completed checkpoint, which a recovery restores. */
  latest(): CompletedCheckpoint | undefined {
    return this.completed[this.completed.length - 1];
  }

  /** The completed checkpoints still retained, oldest first. */
  retainedCheckpoints(): readonly CompletedCheckpoint[] {
    return this.completed;
  }
}
