import type { HeldInput } from '../ack/anchors.ts';
import type { StreamRecord } from '../model/elements.ts';
import type { LateOutcome } from '../model/trace.ts';
import type { Span } from './window/assigners.ts';

/** Returned by {@link OperatorLogic.process} when processing failed. */
export const FAILED = Symbol('failed');

/** What processing one record gives: the record to send on, null for nothing, or FAILED. */
export type Outcome = StreamRecord | null | typeof FAILED;

/** What an operator may do while it processes a record. Implemented by the engine. */
export interface Collector {
  /** Sends an extra result downstream (operators with several outputs per input). */
  emit(record: StreamRecord): void;
  /** The virtual time of this step. */
  readonly now: number;
  /** Whether an external store is unavailable right now (an outage). */
  isStoreDown(store: string): boolean;
  /**
   * Keeps the current input to emit from later (a batch, a window): under acking its tree stays
   * open until {@link ackHeld}. Returns null when nothing is tracked.
   */
  hold(): HeldInput | null;
  /** Sends a result derived from inputs held earlier, anchored to every one of them. */
  emitFrom(record: StreamRecord, held: readonly (HeldInput | null)[]): void;
  /** Acks inputs held earlier: their trees can now complete. */
  ackHeld(held: readonly (HeldInput | null)[]): void;
  /** Which of the component's input edges the record came on (0 for sources; joins tell sides apart). */
  readonly input: number;
  /** Registers a processing-time timer: {@link OperatorLogic.onTimer} runs at `time`. */
  registerTimer(time: number): void;
  /**
   * Lateness decided something about the record being processed (windows, joins): it went into a
   * window whose end the clock had passed, within the allowed lateness (`accepted`), or it came too
   * late for every window it belongs to — `dropped` (the operator counts it) or `side-output` (the
   * engine sends it on the component's edges with output "late"). `windows`: those concerned,
   * [start, end) (none for a join). The engine traces it.
   */
  late(record: StreamRecord, windows: readonly Span[], outcome: LateOutcome): void;
}

/**
 * The logic of one instance of an operator or sink. The engine owns delivery semantics (tracking,
 * replay, checkpoints); operators only compute, so every operator works under every semantics.
 */
export interface OperatorLogic {
  /**
   * Runs the logic on one record and returns its result: the record to send downstream, null when
   * there is none (a filter dropping it: still "delivered"), or FAILED when the processing failed
   * (an external lookup failed: processed but not delivered). Further results go to `out.emit`.
   */
  process(record: StreamRecord, out: Collector): Outcome;
  /** Forgets all in-memory state (the instance crashed). */
  reset(): void;
  /** Copy of the state as plain data (for checkpoints and the UI). */
  snapshotState(): unknown;
  /** Replaces the state with a copy of a snapshot taken by {@link snapshotState}. */
  restoreState(state: unknown): void;
  /** Size of the state in entries (keys, ids), for the UI and checkpoint sizes. */
  stateSize(): number;
  /** The keys its state holds something for (keyed operators), to tell whose state a crash lost. */
  stateKeys?(): string[];
  /**
   * Event time advanced to `watermark` at this instance: fire and clean up what is due. Called
   * before the watermark is forwarded downstream (Flink: windows fire, then the watermark moves on).
   */
  onWatermark?(watermark: number, out: Collector): void;
  /** A processing-time timer registered with {@link Collector.registerTimer} fired. */
  onTimer?(time: number, out: Collector): void;
  /** The processing-time timers the state needs (set again after a restore from a checkpoint). */
  timers?(): number[];
  /**
   * Whether it keeps its inputs in state to emit from later (windows, joins, batches): an input it
   * emits nothing for right away is kept, not an early out.
   */
  readonly keepsInputs?: boolean;
  /** Event time by stream time (Kafka Streams): the largest event time seen; undefined on the watermark clock. */
  currentStreamTime?(): number | undefined;
  /** Elements dropped because they came too late (windows, joins). */
  lateDropped?(): number;
}

/** Base for stateless operators. */
export abstract class StatelessOperator implements OperatorLogic {
  abstract process(record: StreamRecord, out: Collector): Outcome;
  reset(): void {}
  snapshotState(): unknown {
    return null;
  }
  restoreState(): void {}
  stateSize(): number {
    return 0;
  }
}
