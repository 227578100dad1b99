import type { KeyTable } from '../core/KeyTable.ts';
import { StreamRecord } from '../model/elements.ts';
import type { RecordEntry } from '../model/types.ts';
import { recordId, type PartitionLog } from './PartitionLog.ts';

/**
 * A log holding an explicit list of records (a lesson's exact input). Record n of the list keeps
 * sequence number n; within a partition records are ordered by arrival time (stable).
 */
export function recordsLog(
  entries: readonly RecordEntry[],
  partitions: number,
  sourceIndex: number,
  sourceCount: number,
  keys: KeyTable,
): PartitionLog[] {
  const parts: StreamRecord[][] = Array.from({ length: partitions }, () => []);
  const ordered = entries.map((e, n) => ({ e, n })).sort((a, b) => a.e.at - b.e.at || a.n - b.n);
  for (const { e, n } of ordered) {
    const keyId = keys.intern(e.key);
    const p = e.partition ?? keys.hashes[keyId]! % partitions;
    parts[p]!.push(
      new StreamRecord(
        recordId(n, sourceIndex, sourceCount),
        e.key,
        keyId,
        e.value,
        e.eventTime ?? e.at,
        e.at,
      ),
    );
  }
  return parts.map((records) => new RecordsPartition(records));
}

class RecordsPartition implements PartitionLog {
  constructor(private readonly records: readonly StreamRecord[]) {}

  availableAt(offset: number): number {
    return offset < this.records.length ? this.records[offset]!.appendedAt : Infinity;
  }

  read(offset: number): StreamRecord {
    return this.records[offset]!;
  }

  endOffsetAt(t: number): number {
    let n = 0;
    while (n < this.records.length && this.records[n]!.appendedAt <= t) n++;
    return n;
  }
}
