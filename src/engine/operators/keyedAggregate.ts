import type { KeyTable } from '../core/KeyTable.ts';
import type { StreamRecord } from '../model/elements.ts';
import { KeyedValues, type KeyedValuesState } from './KeyedValues.ts';
import type { OperatorLogic, Outcome } from './Operator.ts';

/**
 * Key-by running aggregate (count or sum): keyed state, one output per input carrying the key's
 * new total. Keyed by the record's key, or by its id (one entry per event, e.g. per transaction).
 */
export class KeyedAggregate implements OperatorLogic {
  private totals = new KeyedValues();

  constructor(
    private readonly mode: 'count' | 'sum',
    private readonly keyBy: 'key' | 'id',
    private readonly keys: KeyTable,
  ) {}

  process(record: StreamRecord): Outcome {
    // A tombstone (null value) has nothing to count or add: skipped, like Kafka Streams does.
    if (record.value !== record.value) return null;
    const keyId = this.keyBy === 'key' ? record.keyId : this.keys.intern(String(record.id));
    const total = this.totals.add(keyId, this.mode === 'count' ? 1 : record.value);
    return this.keyBy === 'key' ? record.withValue(total) : record.withKey(this.keys, keyId, total);
  }

  reset(): void {
    this.totals = new KeyedValues();
  }

  /** The totals by key id (see KeyTable; ids are stable for the engine's lifetime). */
  snapshotState(): KeyedValuesState {
    return this.totals.copy();
  }

  restoreState(state: unknown): void {
    this.totals = KeyedValues.from(state as KeyedValuesState);
  }

  /** [key, total] pairs, in key id order (for the UI and tests). */
  totalsByKey(): [string, number][] {
    return this.totals.entries().map(([id, total]) => [this.keys.names[id]!, total]);
  }

  stateSize(): number {
    return this.totals.size;
  }

  stateKeys(): string[] {
    return this.totals.entries().map(([id]) => this.keys.names[id]!);
  }
}
