import type { HeldInput } from '../../ack/anchors.ts';
import type { KeyTable } from '../../core/KeyTable.ts';
import { DerivedRecord, type JoinSide, type StreamRecord } from '../../model/elements.ts';
import type { ComponentSpec } from '../../model/types.ts';
import type { Collector, OperatorLogic, Outcome } from '../Operator.ts';
import { joinValue } from './joinValue.ts';

type JoinSpec = Extract<ComponentSpec, { kind: 'join' }>;

/** A join has no windows to name in a lateness verdict (a record's window is its own time ± before/after). */
const NO_WINDOWS: readonly never[] = [];

const LEFT = 0;
const RIGHT = 1;

/** A buffered record of one side. */
interface Entry {
  readonly side: number;
  readonly keyId: number;
  readonly id: number;
  readonly value: number;
  readonly eventTime: number;
  /** Arrival order (ties in emission order). */
  readonly seq: number;
  /** Joined at least once: never emitted as unmatched. */
  matched: boolean;
  /** Left or outer join: waiting to be emitted unmatched when its window closes. */
  pending: boolean;
  held: HeldInput | null;
}

type EntryState = Omit<Entry, 'held'>;

/** Watermarks are not part of checkpoints (Flink); a task's stream time is (Kafka Streams): null on the watermark clock. */
interface StreamJoinState {
  readonly streamTime: number | null;
  readonly seq: number;
  readonly dropped: number;
  readonly entries: readonly EntryState[];
}

/**
 * Windowed stream-stream join by key, with the semantics of Kafka Streams' KStream-KStream join
 * (3.x, after KIP-633): a left record at time t joins every right record of its key whose time is
 * within [t − before, t + after], bounds included, whichever arrives first; each result carries the
 * larger of the two timestamps.
 *
 * The clock is the stream time (the largest event time seen on either input) or the watermark. A
 * record whose own window closed — `t + after + grace` behind the clock (`before` for a right
 * record) — is late and dropped. For a left join, a left record that never matched is emitted with
 * a null right side once its window has closed; an outer join does the same for both sides, in
 * timestamp order. (Kafka Streams emits an unmatched record at once when it arrives after its
 * window already passed, and so does this join.) Records leave the buffers when no future record
 * could still match them.
 */
export class StreamJoin implements OperatorLogic {
  readonly keepsInputs = true;
  private byKey = new Map<number, Entry[]>();
  private clock = -Infinity;
  private seq = 0;
  private dropped = 0;
  /** Per side: how far a record's window reaches past its time (left: after, right: before). */
  private readonly reach: readonly [number, number];
  private readonly leftPort: number;
  private readonly emitsUnmatched: readonly [boolean, boolean];

  constructor(
    private readonly spec: JoinSpec,
    private readonly keys: KeyTable,
    inputFrom: readonly string[],
  ) {
    this.reach = [spec.after, spec.before];
    this.leftPort = inputFrom.indexOf(spec.left);
    this.emitsUnmatched = [spec.type !== 'inner', spec.type === 'outer'];
  }

  process(record: StreamRecord, out: Collector): Outcome {
    // Kafka Streams ignores records with a null value (a tombstone): they neither join nor move time.
    if (Number.isNaN(record.value)) return null;
    const side = out.input === this.leftPort ? LEFT : RIGHT;
    const t = record.eventTime;
    if (this.spec.clock === 'stream-time' && t > this.clock) {
      this.clock = t;
      // Kafka Streams emits the unmatched records whose windows closed before joining this one.
      this.emitClosed(out);
    }
    const reach = this.reach[side]!;
    if (this.isClosed(t + reach + this.spec.grace)) {
      this.dropped++;
      out.late(record, NO_WINDOWS, 'dropped');
      return null;
    }
    // Its window has passed, not its grace: still taken (Kafka Streams), late.
    if (this.isPast(t + reach)) out.late(record, NO_WINDOWS, 'accepted');
    const other = 1 - side;
    // The other side's records within this record's window: [t − before, t + after] for a left record.
    const from = side === LEFT ? t - this.spec.before : t - this.spec.after;
    const to = side === LEFT ? t + this.spec.after : t + this.spec.before;
    const held = out.hold();
    const entry: Entry = {
      side,
      keyId: record.keyId,
      id: record.id,
      value: record.value,
      eventTime: t,
      seq: this.seq++,
      matched: false,
      pending: false,
      held,
    };
    for (const e of this.entriesOf(record.keyId)) {
      if (e.side !== other || e.eventTime < from || e.eventTime > to) continue;
      entry.matched = true;
      e.matched = true;
      e.pending = false;
      this.emit(side === LEFT ? entry : e, side === LEFT ? e : entry, out);
    }
    if (!entry.matched && this.emitsUnmatched[side]) {
      if (this.isPast(t + reach)) this.emit(side === LEFT ? entry : null, side === LEFT ? null : entry, out);
      else entry.pending = true;
    }
    this.entriesOf(record.keyId).push(entry);
    return null;
  }

  onWatermark(watermark: number, out: Collector): void {
    if (this.spec.clock !== 'watermark' || watermark <= this.clock) return;
    this.clock = watermark;
    this.emitClosed(out);
  }

  lateDropped(): number {
    return this.dropped;
  }

  currentStreamTime(): number | undefined {
    return this.spec.clock === 'stream-time' ? this.clock : undefined;
  }

  reset(): void {
    this.byKey = new Map();
    this.clock = -Infinity;
  }

  snapshotState(): StreamJoinState {
    const entries: EntryState[] = [];
    for (const list of this.byKey.values()) {
      for (const { held: _held, ...rest } of list) entries.push({ ...rest });
    }
    const streamTime = this.spec.clock === 'stream-time' ? this.clock : null;
    return { streamTime, seq: this.seq, dropped: this.dropped, entries };
  }

  restoreState(state: unknown): void {
    const s = state as StreamJoinState;
    this.reset();
    if (s.streamTime !== null) this.clock = s.streamTime;
    this.seq = s.seq;
    this.dropped = s.dropped;
    for (const e of s.entries) this.entriesOf(e.keyId).push({ ...e, held: null });
  }

  stateSize(): number {
    let n = 0;
    for (const list of this.byKey.values()) n += list.length;
    return n;
  }

  /** The buffered records, for the UI. */
  buffered(): { side: 'left' | 'right'; key: string; id: number; eventTime: number; matched: boolean }[] {
    const out = [];
    for (const list of this.byKey.values()) {
      for (const e of list) {
        out.push({
          side: e.side === LEFT ? ('left' as const) : ('right' as const),
          key: this.keys.names[e.keyId]!,
          id: e.id,
          eventTime: e.eventTime,
          matched: e.matched,
        });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  /** Whether a window closing at `closesAt` has closed (stream time strictly past it; a watermark at or past it). */
  private isClosed(closesAt: number): boolean {
    return this.spec.clock === 'stream-time' ? closesAt < this.clock : closesAt <= this.clock;
  }

  /** Whether the clock is past a record's window (before the grace). */
  private isPast(windowEnd: number): boolean {
    return this.spec.clock === 'stream-time' ? windowEnd < this.clock : windowEnd <= this.clock;
  }

  /**
   * Emits the unmatched records whose windows closed, in timestamp order, and drops the records no
   * future record can match any more (a left record at t can still meet a right record that is not
   * late only while t ≥ clock − before − after − grace).
   */
  private emitClosed(out: Collector): void {
    const grace = this.spec.grace;
    const closed: Entry[] = [];
    const horizon = this.clock - this.spec.before - this.spec.after - grace;
    for (const [keyId, list] of this.byKey) {
      for (let i = list.length - 1; i >= 0; i--) {
        const e = list[i]!;
        if (e.pending && this.isClosed(e.eventTime + this.reach[e.side]! + grace)) {
          e.pending = false;
          closed.push(e);
        }
        if (!e.pending && e.eventTime < horizon) {
          list.splice(i, 1);
          if (e.held !== null) out.ackHeld([e.held]);
        }
      }
      if (list.length === 0) this.byKey.delete(keyId);
    }
    closed.sort((a, b) => a.eventTime - b.eventTime || a.side - b.side || a.seq - b.seq);
    for (const e of closed) this.emit(e.side === LEFT ? e : null, e.side === LEFT ? null : e, out);
  }

  private emit(left: Entry | null, right: Entry | null, out: Collector): void {
    const l = left === null ? null : side(left);
    const r = right === null ? null : side(right);
    const any = (left ?? right)!;
    const eventTime = Math.max(left?.eventTime ?? -Infinity, right?.eventTime ?? -Infinity);
    const record = new DerivedRecord(
      any.id,
      this.keys.names[any.keyId]!,
      any.keyId,
      joinValue(this.spec.value, l, r),
      eventTime,
      out.now,
      { join: { left: l, right: r } },
    );
    out.emitFrom(record, [left?.held ?? null, right?.held ?? null]);
  }

  private entriesOf(keyId: number): Entry[] {
    let list = this.byKey.get(keyId);
    if (list === undefined) this.byKey.set(keyId, (list = []));
    return list;
  }
}

function side(e: Entry): JoinSide {
  return { id: e.id, value: e.value, eventTime: e.eventTime };
}
