import type { KeyTable } from '../core/KeyTable.ts';
import type { RecordExtra, StreamRecord } from '../model/elements.ts';
import type { SinkRow } from './sinks.ts';

/**
 * Rows kept column by column in typed arrays (ids, key ids, values, write times): a long run writes
 * millions of rows, and neither the garbage collector nor a checkpoint should have to walk them
 * one object at a time. Key names are looked up only when rows are read.
 */
export class RowBuffer {
  private ids: Float64Array;
  private keyIds: Int32Array;
  private values: Float64Array;
  private ats: Float64Array;
  /** Panes and join results: what they carry besides key and value (sparse; null until one comes). */
  private extras: (RecordExtra | undefined)[] | null = null;
  length = 0;

  /** `capacity`: rows expected (a transaction sized like the previous one never grows). */
  constructor(capacity = 16) {
    const n = Math.max(16, capacity);
    this.ids = new Float64Array(n);
    this.keyIds = new Int32Array(n);
    this.values = new Float64Array(n);
    this.ats = new Float64Array(n);
  }

  push(record: StreamRecord, at: number): void {
    if (this.length === this.ids.length) this.grow();
    const i = this.length++;
    this.ids[i] = record.id;
    this.keyIds[i] = record.keyId;
    this.values[i] = record.value;
    this.ats[i] = at;
    const extra = record.extra;
    if (extra !== undefined) (this.extras ??= [])[i] = extra;
  }

  /** The event ids of the rows, oldest first. */
  eventIds(): number[] {
    return Array.from(this.ids.subarray(0, this.length));
  }

  /** The values of the rows an event wrote, oldest first, appended to `out` (a scan of one column). */
  valuesOf(id: number, out: number[]): number[] {
    for (let i = 0; i < this.length; i++) if (this.ids[i] === id) out.push(this.values[i]!);
    return out;
  }

  /** The rows, oldest first, appended to `out`. */
  readInto(out: SinkRow[], keys: KeyTable): SinkRow[] {
    for (let i = 0; i < this.length; i++) {
      const row: SinkRow = {
        id: this.ids[i]!,
        key: keys.names[this.keyIds[i]!]!,
        value: this.values[i]!,
        at: this.ats[i]!,
      };
      const extra = this.extras?.[i];
      out.push(extra === undefined ? row : { ...row, ...extra });
    }
    return out;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const ids = new Float64Array(size);
    ids.set(this.ids);
    this.ids = ids;
    const keyIds = new Int32Array(size);
    keyIds.set(this.keyIds);
    this.keyIds = keyIds;
    const values = new Float64Array(size);
    values.set(this.values);
    this.values = values;
    const ats = new Float64Array(size);
    ats.set(this.ats);
    this.ats = ats;
  }
}
