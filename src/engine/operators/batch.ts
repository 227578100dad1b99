import type { HeldInput } from '../ack/anchors.ts';
import type { KeyTable } from '../core/KeyTable.ts';
import { StreamRecord } from '../model/elements.ts';
import type { Collector, OperatorLogic, Outcome } from './Operator.ts';

/**
 * Batch: collects `size` records per instance and emits one record with their sum — like a bolt
 * that writes in batches. Its output derives from several events, so under acking it is anchored to
 * all of them (the inputs are held until the batch is sent, then acked): if the batch is lost, every
 * one of those events is replayed.
 */
export class BatchOperator implements OperatorLogic {
  readonly keepsInputs = true;
  private records: StreamRecord[] = [];
  private held: (HeldInput | null)[] = [];
  private readonly batchKey: number;

  constructor(
    private readonly size: number,
    private readonly keys: KeyTable,
  ) {
    this.batchKey = keys.intern('batch');
  }

  process(record: StreamRecord, out: Collector): Outcome {
    this.records.push(record);
    this.held.push(out.hold());
    if (this.records.length < this.size) return null;
    let sum = 0;
    for (const r of this.records) sum += r.value;
    // The batch carries the id of the event that completed it.
    out.emitFrom(record.withKey(this.keys, this.batchKey, sum), this.held);
    out.ackHeld(this.held);
    this.records = [];
    this.held = [];
    return null;
  }

  reset(): void {
    this.records = [];
    this.held = [];
  }

  snapshotState(): { id: number; key: string; value: number; eventTime: number; appendedAt: number }[] {
    return this.records.map((r) => ({
      id: r.id,
      key: r.key,
      value: r.value,
      eventTime: r.eventTime,
      appendedAt: r.appendedAt,
    }));
  }

  restoreState(state: unknown): void {
    const saved = state as ReturnType<BatchOperator['snapshotState']>;
    this.records = saved.map(
      (r) => new StreamRecord(r.id, r.key, this.keys.intern(r.key), r.value, r.eventTime, r.appendedAt),
    );
    this.held = this.records.map(() => null);
  }

  stateSize(): number {
    return this.records.length;
  }
}
