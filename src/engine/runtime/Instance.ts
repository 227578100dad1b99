import type { Health } from '../model/snapshot.ts';
import type { EdgeSpec } from '../model/types.ts';
import type { FaultWindow } from '../faults/FaultWindow.ts';
import type { OperatorLogic } from '../operators/Operator.ts';
import type { SinkTable } from '../operators/sinks.ts';
import type { SourceReader } from '../sources/SourceReader.ts';
import type { PlannedComponent } from '../graph/plan.ts';
import type { TimerEntry } from '../core/TimerQueue.ts';
import type { Channel } from './Channel.ts';
import type { SourceWatermarks } from '../time/SourceWatermarks.ts';
import type { WatermarkValve } from '../time/WatermarkValve.ts';
import type { EventCounts } from './EventCounts.ts';

/** Grouping codes used on the hot path (see EdgeSpec.grouping). */
export const Route = { shuffle: 0, fields: 1, all: 2, global: 3 } as const;
/** Field codes for fields grouping. */
export const Field = { key: 0, id: 1, value: 2 } as const;

/** A logical edge at run time: its spec and the failures currently affecting it. */
export class EdgeRuntime {
  readonly dropWindows: FaultWindow[] = [];
  readonly delayWindows: FaultWindow[] = [];
  /** Until when any failure window of this edge may be active (one comparison on the hot path). */
  faultyUntil = -Infinity;
  constructor(
    readonly index: number,
    readonly spec: EdgeSpec,
  ) {}
}

/** One outgoing edge as seen from a sending instance. */
export interface OutputRoute {
  readonly edge: EdgeRuntime;
  readonly grouping: number;
  readonly field: number;
  /** Channels by target instance number (global grouping: only instance 0). */
  readonly channels: readonly Channel[];
  /** Round-robin position for shuffle grouping (per sender, like Flink's rebalance). */
  rr: number;
}

/** A component at run time: its instances, per-event counters and active failures. */
export class ComponentRuntime {
  readonly instances: InstanceRuntime[] = [];
  readonly failWindows: FaultWindow[] = [];
  /** The upstream component of each input edge, in input order (joins name their sides by it). */
  inputFrom: readonly string[] = [];
  readonly slowWindows: FaultWindow[] = [];
  /** Until when any failure window of this component may be active (one comparison on the hot path). */
  faultyUntil = -Infinity;
  readonly id: string;
  /** Virtual ms of service time per event. */
  readonly cost: number;
  readonly isOperator: boolean;
  constructor(
    readonly plan: PlannedComponent,
    /** Times processed and delivered per event (by lineage id). */
    readonly perEvent: EventCounts,
    /** Sinks: the external table written to. */
    readonly table: SinkTable | null,
  ) {
    this.id = plan.id;
    this.cost = plan.spec.cost;
    this.isOperator = plan.role === 'operator';
  }
}

/** One parallel instance of a component, with its own state, queues and counters. */
export class InstanceRuntime {
  health: Health = 'running';
  /** health === 'running', as a boolean for the hot path. */
  up = true;
  /** The instance is busy processing until this time (its service time). */
  busyUntil = 0;
  /** Number of output channels (block policy) that are full: > 0 means the instance is blocked. */
  fullOutputs = 0;
  /** Ports this instance stopped reading while blocked. */
  readonly parked: number[] = [];
  readonly inputs: Channel[] = [];
  /** Where results go (the edges with output "main"). */
  readonly outputs: OutputRoute[] = [];
  /** A window's side output for late elements (the edges with output "late"). */
  readonly lateOutputs: OutputRoute[] = [];
  /** Operators and sinks: how the input channels' watermarks combine. */
  valve: WatermarkValve | null = null;
  /** Sources with event time: their partitions' watermarks. */
  sourceWatermarks: SourceWatermarks | null = null;
  /** With an observer: the stream time last traced (a `stream-time` event when it changes). */
  tracedStreamTime = -Infinity;
  /** The processing-time timers its logic registered, by time. */
  readonly timers = new Map<number, TimerEntry<unknown>>();

  // Counters (records only). Received and delivered are derived: received = processed (an instance
  // processes everything it takes), delivered = processed − failed.
  processed = 0;
  failed = 0;
  emitted = 0;
  /** Delivered without emitting anything (filtered out, deduplicated: "early out"). */
  earlyOut = 0;
  /** Records lost here: queued or in flight when it crashed, or arriving while it was down. */
  lost = 0;
  /** Virtual ms spent blocked on a full output (backpressure). */
  blockedSince = -1;
  blockedTime = 0;
  crashes = 0;

  constructor(
    readonly index: number,
    readonly sub: number,
    readonly name: string,
    readonly component: ComponentRuntime,
    /** Operators and sinks: the logic; sources: null. */
    readonly logic: OperatorLogic | null,
    /** Sources: the partitions and read positions; others: null. */
    readonly reader: SourceReader | null,
    /** Scheduler port of a source instance's reads (-1 for others). */
    readonly sourcePort: number,
    /** Position among the job's source instances (-1 for others). */
    readonly sourceSlot: number,
  ) {}
}
