import type { KeyTable } from '../../core/KeyTable.ts';
import { DerivedRecord, type JoinSide, type StreamRecord } from '../../model/elements.ts';
import type { ComponentSpec } from '../../model/types.ts';
import type { Collector, OperatorLogic, Outcome } from '../Operator.ts';
import { joinValue } from './joinValue.ts';

type TableJoinSpec = Extract<ComponentSpec, { kind: 'table-join' }>;

/**
 * Stream-table join (Kafka Streams' KStream-KTable join). The table input is a changelog: the
 * table keeps each key's latest value, and a tombstone (a null value) deletes the key; an update
 * emits nothing. Each stream record is looked up on arrival — in processing order, not by event
 * time — and emitted with the table's value (inner: only when the key is there; left: always, with
 * a null table side when it is not). The result keeps the stream record's timestamp.
 */
export class TableJoin implements OperatorLogic {
  private table = new Map<number, JoinSide>();
  private readonly tablePort: number;

  constructor(
    private readonly spec: TableJoinSpec,
    private readonly keys: KeyTable,
    inputFrom: readonly string[],
  ) {
    this.tablePort = inputFrom.indexOf(spec.table);
  }

  process(record: StreamRecord, out: Collector): Outcome {
    if (out.input === this.tablePort) {
      if (Number.isNaN(record.value)) this.table.delete(record.keyId);
      else this.table.set(record.keyId, { id: record.id, value: record.value, eventTime: record.eventTime });
      return null;
    }
    // A stream record with a null value is ignored (Kafka Streams).
    if (Number.isNaN(record.value)) return null;
    const right = this.table.get(record.keyId) ?? null;
    if (right === null && this.spec.type === 'inner') return null;
    const left: JoinSide = { id: record.id, value: record.value, eventTime: record.eventTime };
    const value = joinValue(this.spec.value, left, right);
    return new DerivedRecord(
      record.id,
      record.key,
      record.keyId,
      value,
      record.eventTime,
      record.appendedAt,
      {
        join: { left, right },
      },
    );
  }

  reset(): void {
    this.table = new Map();
  }

  snapshotState(): [number, JoinSide][] {
    return [...this.table].map(([k, v]) => [k, { ...v }]);
  }

  restoreState(state: unknown): void {
    this.table = new Map((state as [number, JoinSide][]).map(([k, v]) => [k, { ...v }]));
  }

  stateSize(): number {
    return this.table.size;
  }

  /** The materialized table, for the UI: key → latest value. */
  tableRows(): { key: string; value: number }[] {
    return [...this.table].map(([k, v]) => ({ key: this.keys.names[k]!, value: v.value }));
  }
}
