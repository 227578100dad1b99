import type { StreamRecord } from '../model/elements.ts';
import type { SinkRow } from './sinks.ts';

/**
 * Rows kept column by column (ids, values, write times, keys): a long run writes millions of rows,
 * and open transactions must stay compact (no record objects retained).
 */
export class RowBuffer {
  private ids = new Float64Array(64);
  private values = new Float64Array(64);
  private ats = new Float64Array(64);
  private keys: string[] = [];
  length = 0;

  push(record: StreamRecord, at: number): void {
    this.pushRow(record.id, record.key, record.value, at);
  }

  pushRow(id: number, key: string, value: number, at: number): void {
    if (this.length === this.ids.length) this.grow();
    this.ids[this.length] = id;
    this.values[this.length] = value;
    this.ats[this.length] = at;
    this.keys.push(key);
    this.length++;
  }

  /** Appends every row of another buffer (a transaction being committed). */
  append(other: RowBuffer): void {
    for (let i = 0; i < other.length; i++)
      this.pushRow(other.ids[i]!, other.keys[i]!, other.values[i]!, other.ats[i]!);
  }

  rows(): SinkRow[] {
    const out: SinkRow[] = [];
    for (let i = 0; i < this.length; i++)
      out.push({ id: this.ids[i]!, key: this.keys[i]!, value: this.values[i]!, at: this.ats[i]! });
    return out;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    for (const name of ['ids', 'values', 'ats'] as const) {
      const next = new Float64Array(size);
      next.set(this[name]);
      this[name] = next;
    }
  }
}
