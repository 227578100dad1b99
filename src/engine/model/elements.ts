import type { KeyTable } from '../core/KeyTable.ts';

/**
 * What flows on channels. Records carry data; control elements (watermarks, checkpoint barriers)
 * are added to this union by the capabilities that need them and travel in-band, in order.
 */

/** One event. Immutable: operators that change it create a new record with the same lineage id. */
export class StreamRecord {
  /** On the prototype (see below), so a record carries only its data. */
  declare readonly kind: 'record';
  /**
   * Lineage id: the identity of the source event this record derives from. Stable across runs and
   * replays (it is computed from the source, partition and offset), so it is the "event" that times
   * processed and times delivered are counted for.
   */
  readonly id: number;
  readonly key: string;
  /** The key as a dense integer from the engine's KeyTable (keyed state is indexed by it). */
  readonly keyId: number;
  readonly value: number;
  /** Event time in ms (when it happened in the world). */
  readonly eventTime: number;
  /** Processing time in ms at which the event was appended to the source log (for latency). */
  readonly appendedAt: number;

  constructor(id: number, key: string, keyId: number, value: number, eventTime: number, appendedAt: number) {
    this.id = id;
    this.key = key;
    this.keyId = keyId;
    this.value = value;
    this.eventTime = eventTime;
    this.appendedAt = appendedAt;
  }

  /** The same event with another value. */
  withValue(value: number): StreamRecord {
    return new StreamRecord(this.id, this.key, this.keyId, value, this.eventTime, this.appendedAt);
  }

  /** The same event with another key (an id from `keys`) and value. */
  withKey(keys: KeyTable, keyId: number, value: number): StreamRecord {
    return new StreamRecord(this.id, keys.names[keyId]!, keyId, value, this.eventTime, this.appendedAt);
  }

  /** What a window pane or a join result carries besides key and value (undefined for plain records). */
  declare readonly extra: RecordExtra | undefined;
}
Object.defineProperty(StreamRecord.prototype, 'kind', { value: 'record', enumerable: false });
Object.defineProperty(StreamRecord.prototype, 'extra', {
  value: undefined,
  enumerable: false,
  writable: true,
});

/** When a pane was emitted relative to its window's end (the Dataflow model's pane timing). */
export type PaneTiming = 'EARLY' | 'ON_TIME' | 'LATE';

/** A window's result: which window, which firing, and when. */
export interface PaneInfo {
  /** The window [start, end) (−Infinity, +Infinity: the global window). */
  readonly start: number;
  readonly end: number;
  readonly timing: PaneTiming;
  /** 0 for the window's first pane, then 1, 2, … */
  readonly index: number;
  /** Processing time the pane was emitted at. */
  readonly emittedAt: number;
  /** The window's clock (watermark or stream time) at that moment. */
  readonly watermark: number;
  /** The list aggregate's elements (values, in arrival order). */
  readonly items?: readonly number[];
  /** Accumulating-and-retracting: this pane takes back the window's previous pane. */
  readonly retraction: boolean;
}

/** One side of a join result. */
export interface JoinSide {
  readonly id: number;
  readonly value: number;
  readonly eventTime: number;
}

export type RecordExtra =
  { readonly pane: PaneInfo } | { readonly join: { left: JoinSide | null; right: JoinSide | null } };

/** A record that is a window pane or a join result: the extra travels with every copy of it. */
export class DerivedRecord extends StreamRecord {
  override readonly extra: RecordExtra;

  constructor(
    id: number,
    key: string,
    keyId: number,
    value: number,
    eventTime: number,
    appendedAt: number,
    extra: RecordExtra,
  ) {
    super(id, key, keyId, value, eventTime, appendedAt);
    this.extra = extra;
  }

  override withValue(value: number): StreamRecord {
    return new DerivedRecord(
      this.id,
      this.key,
      this.keyId,
      value,
      this.eventTime,
      this.appendedAt,
      this.extra,
    );
  }

  override withKey(keys: KeyTable, keyId: number, value: number): StreamRecord {
    return new DerivedRecord(
      this.id,
      keys.names[keyId]!,
      keyId,
      value,
      this.eventTime,
      this.appendedAt,
      this.extra,
    );
  }
}

/**
 * Checkpoint barrier n (Flink's CheckpointBarrier): injected by the CheckpointCoordinator at every
 * source, it flows in-band with the records and never overtakes them, separating the records that
 * belong to checkpoint n from those after it.
 */
export class CheckpointBarrier {
  declare readonly kind: 'barrier';
  constructor(
    readonly checkpointId: number,
    /** When the coordinator triggered the checkpoint. */
    readonly triggeredAt: number,
  ) {}
}
Object.defineProperty(CheckpointBarrier.prototype, 'kind', { value: 'barrier', enumerable: false });

/**
 * Watermark(t) (Flink's Watermark): event time has reached t on this stream — no more records with
 * an event time ≤ t are expected; any that still come are late. In-band, like a barrier.
 */
export class Watermark {
  declare readonly kind: 'watermark';
  constructor(readonly time: number) {}
}
Object.defineProperty(Watermark.prototype, 'kind', { value: 'watermark', enumerable: false });

/**
 * A stream's watermark status (Flink's WatermarkStatus): an idle stream has no data for a while and
 * must not hold back event time downstream; active again when data comes.
 */
export class WatermarkStatus {
  declare readonly kind: 'status';
  constructor(readonly idle: boolean) {}
}
Object.defineProperty(WatermarkStatus.prototype, 'kind', { value: 'status', enumerable: false });

export const IDLE = new WatermarkStatus(true);
export const ACTIVE = new WatermarkStatus(false);

/** Everything that can travel on a channel. */
export type StreamElement = StreamRecord | CheckpointBarrier | Watermark | WatermarkStatus;

/** A control element a source log holds between records (an explicit timeline's watermark or time advance). */
export interface LogMarker {
  readonly kind: 'marker';
  /** The watermark this marker declares; undefined: only processing time advances to it. */
  readonly watermark?: number;
  readonly at: number;
}
