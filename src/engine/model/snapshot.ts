import type { CheckpointRecord } from '../checkpoint/CheckpointCoordinator.ts';
import type { JobState, RecoveryRecord } from '../checkpoint/Checkpointing.ts';
import type { TxnInfo, TxnSummary } from '../operators/TransactionalTable.ts';
import type { ComponentKind, Role } from './types.ts';

/**
 * running: works; crashed: down (state and queues lost) until its restart; restarting: the job
 * failed over and is coming back; failed: the restart strategy gave up, the job stays down.
 */
export type Health = 'running' | 'crashed' | 'restarting' | 'failed';

/** Record counters of one instance or a whole component. */
export interface Counters {
  /** Records taken from the input queues (for sources: read from the log). */
  received: number;
  /** Times the logic ran (attempts, failed ones included). */
  processed: number;
  /** Times the logic produced its result successfully. */
  delivered: number;
  /** Processing attempts that failed. */
  failed: number;
  /** Records put on output channels (one per target instance). */
  emitted: number;
  /** Delivered without emitting anything (filtered, deduplicated). */
  earlyOut: number;
  /** Records lost here (crash, or arriving while down). */
  lost: number;
  /** Records dropped on the way in (edge failure, drop-when-full). */
  dropped: number;
  /** Records waiting in the input queues now. */
  queued: number;
  /** Records a window or join dropped because they came too late. */
  lateDropped: number;
}

export interface InstanceSnapshot extends Counters {
  readonly index: number;
  readonly sub: number;
  readonly name: string;
  readonly health: Health;
  readonly busy: boolean;
  readonly blocked: boolean;
  /** Virtual ms spent blocked on full outputs (backpressure). */
  readonly blockedTime: number;
  readonly crashes: number;
  /** Entries of keyed state (keys, seen ids). */
  readonly stateSize: number;
  /** Event time: the instance's current watermark (null: none yet; a source's: the last it emitted). */
  readonly watermark: number | null;
  /** Event time: every input is idle (sources: every partition). */
  readonly idle: boolean;
  /** Event time on the stream-time clock (Kafka Streams): the largest event time seen (null: other clocks, or none yet). */
  readonly streamTime: number | null;
  /** Checkpointing: aligning a checkpoint (some inputs blocked after its barrier). */
  readonly aligning: boolean;
  /** The checkpoint it is aligning (null: none). */
  readonly aligningCheckpoint: number | null;
  /** Records waiting on blocked inputs while aligning (the alignment buffer). */
  readonly alignmentBuffer: number;
  /** Sources: owned partitions, next offsets, and records appended but not read yet. */
  readonly source?: { partitions: number[]; positions: number[]; endOffsets: number[]; lag: number };
}

export interface ComponentSnapshot extends Counters {
  readonly id: string;
  readonly kind: ComponentKind;
  readonly role: Role;
  readonly parallelism: number;
  readonly instances: InstanceSnapshot[];
  /** Event time: the smallest watermark of its instances that are not idle (null: one of them has none yet). */
  readonly watermark: number | null;
  /** Event time on the stream-time clock: the largest stream time of its instances (null: not on that clock). */
  readonly streamTime: number | null;
  /** Sinks: rows in the table and writes received; transactional sinks: their transactions. */
  readonly sink?: { rows: number; writes: number; transactions?: TxnSummary & { recent: TxnInfo[] } };
}

export interface ChannelSnapshot {
  readonly index: number;
  readonly edge: number;
  readonly from: string;
  readonly to: string;
  readonly size: number;
  readonly capacity: number;
  readonly sent: number;
  readonly received: number;
  readonly dropped: number;
  readonly lost: number;
  /** Checkpoint ids of the barriers in the channel, oldest first. */
  readonly barriers: number[];
  /** Blocked by its receiver's alignment. */
  readonly blocked: boolean;
  /** Event time: the last watermark the receiver got from it (null: none yet), and whether it is idle. */
  readonly watermark: number | null;
  readonly idle: boolean;
}

/** The checkpointing side of a run: the coordinator's tables and the job's state. */
export interface CheckpointingSnapshot {
  readonly mode: 'exactly-once' | 'at-least-once';
  readonly state: JobState;
  readonly consecutiveFailures: number;
  readonly tolerableFailures: number;
  readonly pending: { id: number; triggeredAt: number; acknowledged: number; tasks: number }[];
  /** The newest checkpoints (at most 50), oldest first. */
  readonly history: CheckpointRecord[];
  /** Ids of the completed checkpoints in the store. */
  readonly retained: number[];
  readonly recoveries: RecoveryRecord[];
  /** Completion notices lost on their way to the sinks. */
  readonly noticesLost: number;
}

/** A compact, plain-data picture of the whole engine at one moment (structured-clone safe). */
export interface EngineSnapshot {
  readonly time: number;
  readonly steps: number;
  readonly done: boolean;
  readonly traceHash: string;
  readonly components: ComponentSnapshot[];
  readonly channels: ChannelSnapshot[];
  /** Null when the run takes no checkpoints. */
  readonly checkpointing: CheckpointingSnapshot | null;
}
