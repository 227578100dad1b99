import type { LogMarker, StreamRecord } from '../model/elements.ts';

/** What a log holds at an offset: a record, or (explicit timelines) a marker. */
export type LogItem = StreamRecord | LogMarker;

/**
 * One partition of a source's log: an append-only sequence of records addressed by offset, like a
 * Kafka partition. Reading the same offset again gives the same record, which is what lets a source
 * rewind and replay.
 */
export interface PartitionLog {
  /** Processing time at which the record at `offset` is appended, or Infinity past the end. */
  availableAt(offset: number): number;
  /** The record (or marker) at `offset` (must be available). */
  read(offset: number): LogItem;
  /** Number of records appended by time `t` (the log-end offset), for lag and the UI. */
  endOffsetAt(t: number): number;
}

/** A record id: stable identity of a source event (see {@link StreamRecord.id}). */
export function recordId(sequence: number, sourceIndex: number, sourceCount: number): number {
  return sequence * sourceCount + sourceIndex;
}
