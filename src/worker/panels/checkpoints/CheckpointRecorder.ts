import type { ReplayRecord, TraceEvent } from '../../../engine/index.ts';
import type { CheckpointOutcome } from '../../../protocol/panels/checkpoints.ts';
import type { PanelRecorder } from '../types.ts';

/** Checkpoints whose per-instance timeline is kept (the newest; the engine's snapshot shows as many). */
export const CHECKPOINTS_KEPT = 50;
/** Recoveries whose aborted transactions are counted (the newest). */
export const RECOVERIES_KEPT = 20;

/** One instance's part in one checkpoint, as the trace told it (-1: not yet). */
export interface SpanRecord {
  /** Barriers of the checkpoint that arrived and were not stale. */
  barriers: number;
  firstBarrierAt: number;
  snapshotAt: number;
  size: number;
  declined: boolean;
}

/** What the coordinator's history does not keep about a checkpoint: when it was aborted, and each instance's span. */
export interface CheckpointTrace {
  readonly id: number;
  readonly triggeredAt: number;
  abortedAt: number | null;
  /** Per global instance index. */
  readonly spans: Map<number, SpanRecord>;
}

/**
 * Why a checkpoint that did not complete ended, from the reason the engine gives it
 * (checkpoint/lifecycle.ts and recovery.ts): a newer checkpoint subsumed it, the job failed over
 * while it was in progress, or a task declined it or it expired — the failures that count.
 */
export function outcomeOf(failure: string | undefined, completed: boolean): CheckpointOutcome {
  if (completed) return 'completed';
  if (failure === undefined) return 'in-progress';
  if (failure.startsWith('subsumed')) return 'subsumed';
  if (failure.startsWith('job failed over')) return 'aborted';
  return 'failed';
}

/**
 * The checkpoints panel's recorder. The CheckpointCoordinator's history keeps, per checkpoint, its
 * trigger, completion or failure and each acknowledging task's alignment and size; it does not keep
 * when an aborted checkpoint ended, when each barrier arrived, which tasks declined, or what a
 * restart aborted. Those come from the trace, for the newest CHECKPOINTS_KEPT checkpoints.
 */
export class CheckpointRecorder implements PanelRecorder {
  readonly types = ['checkpoint', 'barrier', 'snapshot', 'txn', 'failover', 'job-restart'] as const;
  private readonly checkpoints = new Map<number, CheckpointTrace>();
  readonly totals = { triggered: 0, completed: 0, failed: 0, subsumed: 0, aborted: 0 };
  /** Failovers seen (the index of the next one in the engine's recoveries). */
  private failovers = 0;
  /** Between a failover and its restart: the transactions aborted meanwhile belong to it. */
  private restarting = false;
  /** Transactions aborted by each recent failover's restart, by the failover's index. */
  private readonly aborted = new Map<number, number>();
  readonly replays = new RewindTally();

  observe(event: TraceEvent): void {
    switch (event.type) {
      case 'checkpoint':
        this.onCheckpoint(event);
        break;
      case 'barrier': {
        // A stale barrier (an older or finished checkpoint) starts nothing: not part of the span.
        if (event.decision === 'ignore') break;
        const span = this.span(event.id, event.instance);
        if (span === undefined) break;
        if (span.barriers++ === 0) span.firstBarrierAt = event.time;
        break;
      }
      case 'snapshot': {
        const span = this.span(event.id, event.instance);
        if (span === undefined) break;
        span.snapshotAt = event.time;
        span.size = event.size;
        span.declined = event.declined;
        break;
      }
      case 'txn':
        if (this.restarting && event.state === 'aborted') {
          const k = this.failovers - 1;
          this.aborted.set(k, (this.aborted.get(k) ?? 0) + 1);
        }
        break;
      case 'failover':
        this.failovers++;
        this.restarting = true;
        this.aborted.set(this.failovers - 1, 0);
        this.aborted.delete(this.failovers - 1 - RECOVERIES_KEPT);
        break;
      case 'job-restart':
        this.restarting = false;
        break;
      default:
        break;
    }
  }

  /** The trace of checkpoint `id` (undefined: never triggered, or older than the ones kept). */
  checkpoint(id: number): CheckpointTrace | undefined {
    return this.checkpoints.get(id);
  }

  /** Transactions the restart after failover number `k` (0-based) aborted; null: too old. */
  abortedTxns(k: number): number | null {
    return this.aborted.get(k) ?? null;
  }

  private onCheckpoint(event: Extract<TraceEvent, { type: 'checkpoint' }>): void {
    const t = this.totals;
    if (event.event === 'triggered') {
      t.triggered++;
      this.checkpoints.set(event.id, {
        id: event.id,
        triggeredAt: event.time,
        abortedAt: null,
        spans: new Map(),
      });
      // Ids grow, and a Map iterates in insertion order: the first key is the oldest.
      if (this.checkpoints.size > CHECKPOINTS_KEPT) {
        this.checkpoints.delete(this.checkpoints.keys().next().value!);
      }
      return;
    }
    if (event.event === 'completed') {
      t.completed++;
      return;
    }
    t[outcomeOf(event.reason ?? '', false) as 'failed' | 'subsumed' | 'aborted']++;
    const c = this.checkpoints.get(event.id);
    if (c !== undefined) c.abortedAt = event.time;
  }

  private span(id: number, instance: number): SpanRecord | undefined {
    const c = this.checkpoints.get(id);
    if (c === undefined) return undefined;
    let span = c.spans.get(instance);
    if (span === undefined) {
      span = { barriers: 0, firstBarrierAt: -1, snapshotAt: -1, size: 0, declined: false };
      c.spans.set(instance, span);
    }
    return span;
  }
}

/**
 * Counts the sources' re-reads after each restart (the engine's replays with cause `rewind`),
 * reading the engine's replay list incrementally: each replay once, however often a frame is built.
 * A replay belongs to the latest restart at or before it.
 */
export class RewindTally {
  private scanned = 0;
  /** By failover index. */
  private readonly counts = new Map<number, number>();

  /** Brings the counts up to date with `replays`, given the restart times of every failover so far. */
  update(replays: readonly ReplayRecord[], restarts: readonly (number | null)[]): void {
    for (; this.scanned < replays.length; this.scanned++) {
      const r = replays[this.scanned]!;
      if (r.cause !== 'rewind') continue;
      let k = restarts.length - 1;
      while (k >= 0 && (restarts[k] === null || restarts[k]! > r.time)) k--;
      if (k >= 0) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    }
  }

  /** Records read again after the restart of failover number `k`. */
  count(k: number): number {
    return this.counts.get(k) ?? 0;
  }
}
