import type { KeyTable } from '../core/KeyTable.ts';
import type { JoinSide, PaneInfo, RecordExtra, StreamRecord } from '../model/elements.ts';
import { RowBuffer } from './RowBuffer.ts';

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
  /** A window's result: which window, which firing (see PaneInfo). */
  readonly pane?: PaneInfo;
  /** A join's result: its two sides (one may be null). */
  readonly join?: { readonly left: JoinSide | null; readonly right: JoinSide | null };
}

/**
 * The external system a sink writes to (a database table). It belongs to the sink component, not to
 * an instance: it survives crashes, and what was written cannot be taken back.
 */
export interface SinkTable {
  readonly kind: 'append' | 'upsert' | 'transactional';
  /** A sink instance writes a record (into its open transaction, for a transactional table). */
  write(record: StreamRecord, at: number, instance: number): void;
  /** Number of rows (append: writes; upsert: keys). */
  readonly size: number;
  /** Number of writes received. */
  readonly writes: number;
  /** The rows readers see, in write order (append), key order (upsert) or commit order (transactional). */
  rows(): SinkRow[];
  /** The values of the rows readers see that event `id` wrote last (without building rows). */
  valuesOf(id: number): number[];
}

/** Append-only table, like `charge()`: every write adds a row, so a replayed event adds another. */
export class AppendTable implements SinkTable {
  readonly kind = 'append' as const;
  private readonly buffer = new RowBuffer();

  constructor(private readonly keys: KeyTable) {}

  write(record: StreamRecord, at: number): void {
    this.buffer.push(record, at);
  }

  get size(): number {
    return this.buffer.length;
  }

  get writes(): number {
    return this.buffer.length;
  }

  rows(): SinkRow[] {
    return this.buffer.readInto([], this.keys);
  }

  valuesOf(id: number): number[] {
    return this.buffer.valuesOf(id, []);
  }
}

/** Upsert table keyed by the record's key or id, like `setCardBalance()`: a rewrite overwrites. */
export class UpsertTable implements SinkTable {
  readonly kind = 'upsert' as const;
  // Columns indexed by key id (see KeyTable): no string hashing per write.
  private ids = new Float64Array(64);
  private values = new Float64Array(64);
  private ats = new Float64Array(64);
  private counts = new Int32Array(64);
  private rowCount = 0;
  private count = 0;
  /** Writes skipped because their event had already written the key (skipReplays). */
  skipped = 0;
  /** The last pane or join result written per row. */
  private readonly extras = new Map<number, RecordExtra>();

  constructor(
    private readonly keyBy: 'key' | 'id',
    private readonly keys: KeyTable,
    /** DDIA's idempotence with offsets: skip a write from an event not newer than the key's last one. */
    private readonly skipReplays = false,
  ) {}

  write(record: StreamRecord, at: number): void {
    const extra = record.extra;
    let k: number;
    if (extra !== undefined && 'pane' in extra) {
      // A window's results are upserted per (key, window): each pane overwrites the window's
      // previous one. A retraction deletes its window's row: the window is gone (a session merged
      // into a larger one) or its next pane follows at once.
      k = this.keys.intern(windowKey(record.key, extra.pane));
      if (extra.pane.retraction) {
        this.remove(k);
        return;
      }
    } else k = this.keyBy === 'key' ? record.keyId : this.keys.intern(String(record.id));
    if (k >= this.ids.length) this.grow(k);
    // Event ids grow with the source's offsets: an id not above the key's last is a replay.
    if (this.skipReplays && this.counts[k]! > 0 && record.id <= this.ids[k]!) {
      this.skipped++;
      return;
    }
    if (this.counts[k] === 0) this.rowCount++;
    if (extra !== undefined) this.extras.set(k, extra);
    this.ids[k] = record.id;
    this.values[k] = record.value;
    this.ats[k] = at;
    this.counts[k]!++;
    this.count++;
  }

  get size(): number {
    return this.rowCount;
  }

  private remove(k: number): void {
    if (k >= this.counts.length || this.counts[k] === 0) return;
    this.counts[k] = 0;
    this.rowCount--;
    this.extras.delete(k);
  }

  get writes(): number {
    return this.count;
  }

  valuesOf(id: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.counts.length; k++)
      if (this.counts[k] !== 0 && this.ids[k] === id) out.push(this.values[k]!);
    return out;
  }

  /** A row's value by its key (undefined: no such row), without building rows. */
  valueOf(key: string): number | undefined {
    const k = this.keys.lookup(key);
    return k === undefined || k >= this.counts.length || this.counts[k] === 0 ? undefined : this.values[k];
  }

  /** Every row's key and value, in key-id order, without building rows (the oracle compares thousands). */
  forEachValue(visit: (key: string, value: number) => void): void {
    for (let k = 0; k < this.counts.length; k++)
      if (this.counts[k] !== 0) visit(this.keys.names[k]!, this.values[k]!);
  }

  rows(): SinkRow[] {
    const out: SinkRow[] = [];
    for (let k = 0; k < this.counts.length; k++) {
      if (this.counts[k] === 0) continue;
      out.push({
        id: this.ids[k]!,
        key: this.keys.names[k]!,
        value: this.values[k]!,
        at: this.ats[k]!,
        writes: this.counts[k]!,
        ...this.extras.get(k),
      });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private grow(k: number): void {
    let n = this.ids.length * 2;
    while (n <= k) n *= 2;
    const grown = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.ids = grown(this.ids, (m) => new Float64Array(m));
    this.values = grown(this.values, (m) => new Float64Array(m));
    this.ats = grown(this.ats, (m) => new Float64Array(m));
    this.counts = grown(this.counts, (m) => new Int32Array(m));
  }
}

/** The row key of a window's results in an upsert table: `k1 [0, 10)` (the global window: `k1 [global]`). */
export function windowKey(key: string, pane: Pick<PaneInfo, 'start' | 'end'>): string {
  return pane.end === Infinity ? `${key} [global]` : `${key} [${pane.start}, ${pane.end})`;
}
