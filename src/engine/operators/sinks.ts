import type { StreamRecord } from '../model/elements.ts';
import { type Collector, StatelessOperator } from './Operator.ts';

/** One row of a sink's output, as the CLI and the UI show it. */
export interface SinkRow {
  /** Lineage id of the event that produced the row. */
  readonly id: number;
  readonly key: string;
  readonly value: number;
  /** Virtual time of the (last) write. */
  readonly at: number;
  /** Upsert sinks: how many writes this key received (overwrites included). */
  readonly writes?: number;
}

/**
 * The external system a sink writes to (a database table). It belongs to the sink component, not to
 * an instance: it survives crashes, and what was written cannot be taken back.
 */
export interface SinkTable {
  readonly kind: 'append' | 'upsert';
  write(record: StreamRecord, at: number): void;
  /** Number of rows (append: writes; upsert: keys). */
  readonly size: number;
  /** Number of writes received. */
  readonly writes: number;
  /** The rows, in write order (append) or key order (upsert). */
  rows(): SinkRow[];
}

/** Append-only table, like `charge()`: every write adds a row, so a replayed event adds another. */
export class AppendTable implements SinkTable {
  readonly kind = 'append' as const;
  // Columnar storage: a long run writes millions of rows.
  private ids = new Float64Array(1024);
  private values = new Float64Array(1024);
  private ats = new Float64Array(1024);
  private keys: string[] = [];
  private n = 0;

  write(record: StreamRecord, at: number): void {
    if (this.n === this.ids.length) this.grow();
    this.ids[this.n] = record.id;
    this.values[this.n] = record.value;
    this.ats[this.n] = at;
    this.keys.push(record.key);
    this.n++;
  }

  get size(): number {
    return this.n;
  }

  get writes(): number {
    return this.n;
  }

  rows(): SinkRow[] {
    const out: SinkRow[] = [];
    for (let i = 0; i < this.n; i++) {
      out.push({ id: this.ids[i]!, key: this.keys[i]!, value: this.values[i]!, at: this.ats[i]! });
    }
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

/** Upsert table keyed by the record's key or id, like `setCardBalance()`: a rewrite overwrites. */
export class UpsertTable implements SinkTable {
  readonly kind = 'upsert' as const;
  private readonly table = new Map<string, { id: number; value: number; at: number; writes: number }>();
  private count = 0;

  constructor(private readonly keyBy: 'key' | 'id') {}

  write(record: StreamRecord, at: number): void {
    const key = this.keyBy === 'key' ? record.key : String(record.id);
    const row = this.table.get(key);
    if (row) {
      row.id = record.id;
      row.value = record.value;
      row.at = at;
      row.writes++;
    } else this.table.set(key, { id: record.id, value: record.value, at, writes: 1 });
    this.count++;
  }

  get size(): number {
    return this.table.size;
  }

  get writes(): number {
    return this.count;
  }

  rows(): SinkRow[] {
    return [...this.table]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, r]) => ({ id: r.id, key, value: r.value, at: r.at, writes: r.writes }));
  }
}

/** A sink instance: writes each record to its component's table. */
export class SinkWriter extends StatelessOperator {
  constructor(private readonly table: SinkTable) {
    super();
  }

  process(record: StreamRecord, out: Collector): boolean {
    this.table.write(record, out.now);
    return true;
  }
}
