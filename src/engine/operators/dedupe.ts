import type { StreamRecord } from '../model/elements.ts';
import type { Collector, OperatorLogic } from './Operator.ts';

/** Dedupe by record id: passes the first copy of each event and drops later copies (replays). */
export class Dedupe implements OperatorLogic {
  private seen = new Set<number>();

  process(record: StreamRecord, out: Collector): boolean {
    if (!this.seen.has(record.id)) {
      this.seen.add(record.id);
      out.emit(record);
    }
    return true;
  }

  reset(): void {
    this.seen = new Set();
  }

  snapshotState(): number[] {
    return [...this.seen];
  }

  restoreState(state: unknown): void {
    this.seen = new Set(state as number[]);
  }

  stateSize(): number {
    return this.seen.size;
  }
}
