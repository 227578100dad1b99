import type { KeyTable } from '../core/KeyTable.ts';
import { type LogMarker, StreamRecord } from '../model/elements.ts';
import type { TimelineEntry } from '../model/types.ts';
import { recordId, type LogItem, type PartitionLog } from './PartitionLog.ts';

/**
 * A log holding an explicit timeline (a lesson's exact input): records, and the markers between
 * them — explicit watermarks and processing-time advances. Record n of the list keeps sequence
 * number n; within a partition everything is ordered by arrival time (stable). A marker without a
 * partition goes into every partition. A null value is a tombstone (a changelog's delete): NaN.
 */
export function recordsLog(
  entries: readonly TimelineEntry[],
  partitions: number,
  sourceIndex: number,
  sourceCount: number,
  keys: KeyTable,
): PartitionLog[] {
  const parts: LogItem[][] = Array.from({ length: partitions }, () => []);
  const ordered = entries.map((e, n) => ({ e, n })).sort((a, b) => a.e.at - b.e.at || a.n - b.n);
  for (const { e, n } of ordered) {
    if ('key' in e) {
      const keyId = keys.intern(e.key);
      const p = e.partition ?? keys.hashes[keyId]! % partitions;
      const value = e.value ?? NaN;
      parts[p]!.push(
        new StreamRecord(
          recordId(n, sourceIndex, sourceCount),
          e.key,
          keyId,
          value,
          e.eventTime ?? e.at,
          e.at,
        ),
      );
      continue;
    }
    const marker: LogMarker =
      'watermark' in e ? { kind: 'marker', watermark: e.watermark, at: e.at } : { kind: 'marker', at: e.at };
    const into = 'partition' in e && e.partition !== undefined ? [e.partition] : parts.map((_, p) => p);
    for (const p of into) parts[p]!.push(marker);
  }
  return parts.map((items) => new RecordsPartition(items));
}

/** Whether a timeline has explicit watermarks (its source then defaults to punctuated watermarks). */
export function hasWatermarkEntries(entries: readonly TimelineEntry[]): boolean {
  return entries.some((e) => 'watermark' in e);
}

class RecordsPartition implements PartitionLog {
  constructor(private readonly items: readonly LogItem[]) {}

  availableAt(offset: number): number {
    if (offset >= this.items.length) return Infinity;
    const item = this.items[offset]!;
    return item.kind === 'record' ? item.appendedAt : item.at;
  }

  read(offset: number): LogItem {
    return this.items[offset]!;
  }

  endOffsetAt(t: number): number {
    let n = 0;
    while (n < this.items.length && this.availableAt(n) <= t) n++;
    return n;
  }
}
