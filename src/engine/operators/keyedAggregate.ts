import { hashString } from '../core/hash.ts';
import type { StreamRecord } from '../model/elements.ts';
import type { Collector, OperatorLogic } from './Operator.ts';

/**
 * Key-by running aggregate (count or sum): keyed state, one output per input carrying the key's
 * new total. Keyed by the record's key, or by its id (one entry per event, e.g. per transaction).
 */
export class KeyedAggregate implements OperatorLogic {
  // Boxes, so an update is one lookup instead of a get and a set.
  private totals = new Map<string, { total: number }>();

  constructor(
    private readonly mode: 'count' | 'sum',
    private readonly keyBy: 'key' | 'id',
  ) {}

  process(record: StreamRecord, out: Collector): boolean {
    const byKey = this.keyBy === 'key';
    const key = byKey ? record.key : String(record.id);
    let box = this.totals.get(key);
    if (box === undefined) this.totals.set(key, (box = { total: 0 }));
    const total = (box.total += this.mode === 'count' ? 1 : record.value);
    out.emit(byKey ? record.withValue(total) : record.withKey(key, hashString(key), total));
    return true;
  }

  reset(): void {
    this.totals = new Map();
  }

  snapshotState(): [string, number][] {
    return [...this.totals].map(([k, b]) => [k, b.total]);
  }

  restoreState(state: unknown): void {
    this.totals = new Map((state as [string, number][]).map(([k, total]) => [k, { total }]));
  }

  stateSize(): number {
    return this.totals.size;
  }
}
