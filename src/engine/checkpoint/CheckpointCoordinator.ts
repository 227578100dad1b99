/**
 * Flink's CheckpointCoordinator, reduced to its protocol: trigger checkpoint n (the engine then
 * snapshots every source and injects barrier n), collect one acknowledgement per task, complete n
 * when every task has acknowledged, keep completed checkpoints in a store (the last `retained`),
 * and abort what cannot complete. Pure bookkeeping: it moves no element itself.
 */

/** What a task saved for a checkpoint: a source's read positions, an operator's state. */
export interface TaskSnapshot {
  /** Sources: next offset per owned partition. */
  readonly positions?: readonly number[];
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
  /** Why it did not complete (aborted by a failover, declined, timed out). */
  failure?: string;
  /** Tasks that acknowledged, and when (ms after the trigger). */
  readonly acks: { instance: number; at: number }[];
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

  constructor(
    /** Every task that must acknowledge (global instance indices). */
    private readonly tasks: readonly number[],
    private readonly retained = 3,
  ) {}

  /** Checkpoints triggered and not yet completed or aborted. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Starts checkpoint n; returns n. */
  trigger(now: number): number {
    const id = this.nextId++;
    const record: CheckpointRecord = { id, triggeredAt: now, acks: [] };
    this.history.push(record);
    this.pending.set(id, { id, triggeredAt: now, waiting: new Set(this.tasks), tasks: new Map(), record });
    return id;
  }

  /** A task finished its snapshot for checkpoint `id`. */
  acknowledge(id: number, task: number, snapshot: TaskSnapshot, now: number): AckResult {
    const p = this.pending.get(id);
    if (p === undefined || !p.waiting.delete(task)) return 'unknown';
    p.tasks.set(task, snapshot);
    p.record.acks.push({ instance: task, at: now - p.triggeredAt });
    if (p.waiting.size > 0) return 'pending';
    this.pending.delete(id);
    p.record.completedAt = now;
    this.completed.push({ id, triggeredAt: p.triggeredAt, completedAt: now, tasks: p.tasks });
    while (this.completed.length > this.retained) this.completed.shift();
    // A completed checkpoint subsumes older pending ones.
    for (const older of [...this.pending.keys()]) if (older < id) this.abort(older, 'subsumed');
    return 'completed';
  }

  abort(id: number, reason: string): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.pending.delete(id);
    p.record.failure = reason;
  }

  abortAll(reason: string): void {
    for (const id of [...this.pending.keys()]) this.abort(id, reason);
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
