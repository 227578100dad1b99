import { active, type FaultWindow } from '../faults/FaultWindow.ts';
import type { CheckpointSettings } from '../model/types.ts';
import { TransactionalTable } from '../operators/TransactionalTable.ts';
import type { Runtime } from '../runtime/build.ts';
import type { ComponentRuntime } from '../runtime/Instance.ts';
import { BarrierAligner } from './BarrierAligner.ts';
import type { BarrierHandler } from './BarrierHandler.ts';
import { BarrierTracker } from './BarrierTracker.ts';
import { CheckpointCoordinator } from './CheckpointCoordinator.ts';
import { Restarts } from './RestartStrategy.ts';

/** One failover of the job: when, why, which checkpoint it restored, when it came back. */
export interface RecoveryRecord {
  readonly at: number;
  readonly reason: string;
  /**
   * The checkpoint restored (null: none had completed, the job restarts from the beginning — or the
   * job failed for good and restores nothing).
   */
  readonly restoredCheckpoint: number | null;
  /** When the job came back; null when the restart strategy gave up (the job failed). */
  readonly restartedAt: number | null;
}

/** running: processing; restarting: failed over, waiting for the restart; failed: given up. */
export type JobState = 'running' | 'restarting' | 'failed';

/**
 * Checkpointing as a whole: the CheckpointCoordinator, each task's barrier handler, the job's
 * state across failovers, the restart strategy, and the failures that affect checkpoints.
 *
 * - `exactly-once`: aligned barriers; every task snapshots its state; a failover restores every
 *   task from the last completed checkpoint and rewinds the sources.
 * - `at-least-once` (ackMode "checkpoint"): barriers without alignment; only the sources' offsets
 *   (and transactional sinks' transactions) are restored; operators keep their state.
 */
export class Checkpointing {
  readonly coordinator: CheckpointCoordinator;
  /** Per task (global instance index); null for sources, which snapshot when triggered. */
  readonly handlers: (BarrierHandler | null)[];
  readonly recoveries: RecoveryRecord[] = [];
  /** The transactional sinks, whose transactions follow the checkpoints. */
  readonly transactional: { component: ComponentRuntime; table: TransactionalTable }[] = [];
  state: JobState = 'running';
  /** A failure asked for a failover; it runs at the end of the current step. */
  failoverReason: string | null = null;
  /** Failed checkpoints since the last completed one. */
  consecutiveFailures = 0;
  /** Windows when the checkpoint storage fails, and when completion notices are lost. */
  readonly storageFailures: FaultWindow[] = [];
  readonly lostNotices: FaultWindow[] = [];
  /** A trigger found `maxConcurrent` checkpoints in progress: it fires when one ends. */
  triggerQueued = false;
  /** Completion notices the sinks never got (for the UI). */
  noticesLost = 0;
  private readonly restarts: Restarts;

  constructor(
    readonly mode: 'at-least-once' | 'exactly-once',
    readonly settings: CheckpointSettings,
    rt: Runtime,
  ) {
    this.coordinator = new CheckpointCoordinator(
      rt.instances.map((i) => i.index),
      settings.retained,
    );
    this.handlers = rt.instances.map((i) => {
      if (i.reader) return null;
      return mode === 'exactly-once'
        ? new BarrierAligner(i.inputs.length)
        : new BarrierTracker(i.inputs.length);
    });
    for (const c of rt.components) {
      if (c.table instanceof TransactionalTable) this.transactional.push({ component: c, table: c.table });
    }
    this.restarts = new Restarts(settings.restart);
  }

  get restoresState(): boolean {
    return this.mode === 'exactly-once';
  }

  get restarting(): boolean {
    return this.state !== 'running';
  }

  requestFailover(reason: string): void {
    if (this.state === 'running' && this.failoverReason === null) this.failoverReason = reason;
  }

  storageDown(now: number): boolean {
    return this.storageFailures.length > 0 && active(this.storageFailures, now);
  }

  noticeLost(now: number): boolean {
    return this.lostNotices.length > 0 && active(this.lostNotices, now);
  }

  /**
   * Checkpoint `id` failed (declined, timed out): beyond the tolerable count, the job fails over.
   * Returns false when it was no longer in progress.
   */
  checkpointFailed(id: number, reason: string): boolean {
    if (!this.coordinator.abort(id, reason)) return false;
    this.consecutiveFailures++;
    if (this.consecutiveFailures > this.settings.tolerableFailures) {
      const n = this.consecutiveFailures;
      this.requestFailover(`${n} checkpoint${n === 1 ? '' : 's'} failed in a row (last: ${reason})`);
    }
    return true;
  }

  /** The delay until the job restarts after a failure now, or null when the strategy gives up. */
  restartDelay(now: number): number | null {
    return this.restarts.onFailure(now);
  }

  /**
   * Whether the running job still needs checkpoints although its input is done: its transactional
   * sinks hold rows that only a completed checkpoint commits.
   */
  get awaitsCommit(): boolean {
    return this.state === 'running' && this.transactional.some((t) => t.table.hasUncommitted);
  }
}
