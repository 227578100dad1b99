/**
 * What flows on channels. Records carry data; control elements (watermarks, checkpoint barriers)
 * are added to this union by the capabilities that need them and travel in-band, in order.
 */

/** One event. Immutable: operators that change it create a new record with the same lineage id. */
export class StreamRecord {
  readonly kind = 'record' as const;
  /**
   * Lineage id: the identity of the source event this record derives from. Stable across runs and
   * replays (it is computed from the source, partition and offset), so it is the "event" that times
   * processed and times delivered are counted for.
   */
  readonly id: number;
  readonly key: string;
  /** Hash of `key`, computed once (fields grouping and keyed state use it). */
  readonly keyHash: number;
  readonly value: number;
  /** Event time in ms (when it happened in the world). */
  readonly eventTime: number;
  /** Processing time in ms at which the event was appended to the source log (for latency). */
  readonly appendedAt: number;

  constructor(id: number, key: string, keyHash: number, value: number, eventTime: number, appendedAt: number) {
    this.id = id;
    this.key = key;
    this.keyHash = keyHash;
    this.value = value;
    this.eventTime = eventTime;
    this.appendedAt = appendedAt;
  }

  /** The same event with another value. */
  withValue(value: number): StreamRecord {
    return new StreamRecord(this.id, this.key, this.keyHash, value, this.eventTime, this.appendedAt);
  }

  /** The same event with another key (and value). */
  withKey(key: string, keyHash: number, value: number): StreamRecord {
    return new StreamRecord(this.id, key, keyHash, value, this.eventTime, this.appendedAt);
  }
}

/** Everything that can travel on a channel. */
export type StreamElement = StreamRecord;
