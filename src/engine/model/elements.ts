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
}
Object.defineProperty(StreamRecord.prototype, 'kind', { value: 'record', enumerable: false });

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

/** Everything that can travel on a channel. */
export type StreamElement = StreamRecord | CheckpointBarrier;
