import type { StreamRecord } from '../model/elements.ts';
import type { OperatorLogic, Outcome } from './Operator.ts';

/** Dedupe by record id: passes the first copy of each event and drops later copies (replays). */
export class Dedupe implements OperatorLogic {
  private seen = new Set<number>();

  process(record: StreamRecord): Outcome {
    if (this.seen.has(record.id)) return null;
    this.seen.add(record.id);
    return record;
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
