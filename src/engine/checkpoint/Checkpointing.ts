import type { CheckpointBarrier } from '../model/elements.ts';
import type { CheckpointSettings } from '../model/types.ts';
import type { Runtime } from '../runtime/build.ts';
import { BarrierTracker } from './BarrierTracker.ts';
import { CheckpointCoordinator } from './CheckpointCoordinator.ts';

/** One failover of the job: when, why, and which checkpoint it restored. */
export interface RecoveryRecord {
  readonly at: number;
  readonly reason: string;
  /** The checkpoint restored (null: none had completed, the sources restart from the beginning). */
  readonly restoredCheckpoint: number | null;
  /** When the job came back. */
  readonly restartedAt: number;
}

/**
 * At-least-once by checkpointing source offsets: the CheckpointCoordinator, a barrier tracker per
 * operator and sink instance, and the failover state. On a failure the whole job restarts: the
 * channels are emptied, the sources rewind to the offsets of the last completed checkpoint, and the
 * operators keep their state (a crashed instance lost its own) — so nothing is lost, and effects
 * after the checkpoint are applied again.
 */
export class Checkpointing {
  readonly coordinator: CheckpointCoordinator;
  /** Per instance (global index); null for sources, which snapshot when triggered. */
  readonly trackers: (BarrierTracker | null)[];
  readonly recoveries: RecoveryRecord[] = [];
  /** True from a failover until the job restarts. */
  restarting = false;
  /** A failure asked for a failover; it runs at the end of the current step. */
  failoverReason: string | null = null;

  constructor(
    readonly settings: CheckpointSettings,
    rt: Runtime,
  ) {
    this.coordinator = new CheckpointCoordinator(rt.instances.map((i) => i.index));
    this.trackers = rt.instances.map((i) => (i.reader ? null : new BarrierTracker(i.inputs.length)));
  }

  /** Whether a barrier completes an instance's part of its checkpoint (every input delivered it). */
  onBarrier(instance: number, barrier: CheckpointBarrier): boolean {
    return this.trackers[instance]!.onBarrier(barrier.checkpointId);
  }

  requestFailover(reason: string): void {
    if (!this.restarting && this.failoverReason === null) this.failoverReason = reason;
  }
}
