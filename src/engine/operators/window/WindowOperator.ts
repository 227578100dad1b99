import type { HeldInput } from '../../ack/anchors.ts';
import type { KeyTable } from '../../core/KeyTable.ts';
import { DerivedRecord, type PaneTiming, type StreamRecord } from '../../model/elements.ts';
import type { ComponentSpec } from '../../model/types.ts';
import type { Collector, OperatorLogic, Outcome } from '../Operator.ts';
import { Accumulator, type AccumulatorState } from './Accumulator.ts';
import { assignWindows, sessionsMerge, type Span, windowStart } from './assigners.ts';

export type WindowSpec = Extract<ComponentSpec, { kind: 'window' }>;

type Retraction = { start: number; end: number; value: number };

/** Shared empty lists: most windows never hold inputs (no acking) or owe retractions. */
const NO_HELD: HeldInput[] = [];
const NO_RETRACTIONS: Retraction[] = [];

/** One window of one key. */
interface Win {
  readonly keyId: number;
  start: number;
  end: number;
  /** Everything since the window opened (accumulating panes). */
  all: Accumulator;
  /** What came since the last pane (discarding panes; "anything new?"). */
  pane: Accumulator;
  /** Panes emitted so far: the next pane's index. */
  panes: number;
  /** The clock passed the window's end: from now on its panes are LATE. */
  passed: boolean;
  /** The value of the last pane (accumulating-and-retracting takes it back). */
  last: number | null;
  /** Windows merged into this one whose last panes still have to be taken back. */
  retract: Retraction[];
  /** A pending processing-time early firing (−1: none). */
  earlyAt: number;
  /** Lineage id of the latest element (the pane carries it). */
  lastId: number;
  /** The largest event time in the window (Kafka Streams stamps results with it). */
  maxTs: number;
  /** Acking: the inputs whose trees stay open until the window is purged. */
  held: HeldInput[];
}

/** A window as plain data (checkpoints). */
interface WinState {
  readonly keyId: number;
  readonly start: number;
  readonly end: number;
  readonly all: AccumulatorState;
  readonly pane: AccumulatorState;
  readonly panes: number;
  readonly passed: boolean;
  readonly last: number | null;
  readonly retract: readonly { start: number; end: number; value: number }[];
  readonly earlyAt: number;
  readonly lastId: number;
  readonly maxTs: number;
}

/** Watermarks are not part of checkpoints (Flink); a task's stream time is (Kafka Streams). */
interface WindowOperatorState {
  readonly streamTime: number;
  readonly dropped: number;
  readonly windows: readonly WinState[];
}

/**
 * A keyed window aggregate with the semantics of Flink's WindowOperator and the Dataflow model's
 * panes:
 *
 * - each element goes into its windows (assigners.ts); sessions of a key merge;
 * - the clock is the watermark (Flink, Beam) or the stream time — the largest event time this
 *   instance has seen (Kafka Streams);
 * - an element whose every window has closed (watermark: `end − 1 + allowedLateness ≤ W`; stream
 *   time: `end + grace ≤ streamTime`) is late: dropped and counted, or sent to the side output;
 * - panes: `window-close` fires ON_TIME when the clock passes `end − 1` (Kafka Streams' suppress:
 *   once, when the window closes), then LATE once per accepted late element; `every-update` fires
 *   on every element; `early` adds EARLY panes; `count` replaces the end-of-window trigger (Flink's
 *   CountTrigger; the global window's only trigger);
 * - accumulation: discarding panes hold what came since the last pane, accumulating ones all of
 *   it; accumulating-and-retracting first takes the previous pane back;
 * - early and late panes need something new since the last pane; the on-time pane is always
 *   emitted (Beam's default), even empty in discarding mode;
 * - a window's state is removed once the clock passes its end plus the allowed lateness.
 */
export class WindowOperator implements OperatorLogic {
  readonly keepsInputs = true;
  private byKey = new Map<number, Win[]>();
  private watermark = -Infinity;
  private streamTime = -Infinity;
  private dropped = 0;
  /** The clock value at which some window next fires or closes (below it, a clock advance does nothing). */
  private nextCheck = Infinity;
  /** Acking: how many windows hold each input. */
  private heldBy = new Map<HeldInput, number>();
  private readonly keepItems: boolean;
  private readonly lateness: number;

  constructor(
    private readonly spec: WindowSpec,
    private readonly keys: KeyTable,
  ) {
    this.keepItems = spec.aggregate === 'list';
    this.lateness = spec.allowedLateness;
  }

  process(record: StreamRecord, out: Collector): Outcome {
    // A tombstone (null value) carries nothing to aggregate: skipped, like Kafka Streams does.
    if (record.value !== record.value) return null;
    const ts = record.eventTime;
    // Kafka Streams: the record advances stream time before anything else.
    if (this.spec.clock === 'stream-time' && ts > this.streamTime) this.streamTime = ts;
    const lateFor =
      this.spec.window.type === 'session' ? this.addToSession(record, out) : this.addToWindows(record, out);
    if (lateFor !== null) {
      if (this.spec.lateData === 'side-output') out.late(record, lateFor, 'side-output');
      else {
        this.dropped++;
        out.late(record, lateFor, 'dropped');
      }
    }
    if (this.spec.clock === 'stream-time') this.advance(this.streamTime, out);
    return null;
  }

  onWatermark(watermark: number, out: Collector): void {
    if (this.spec.clock !== 'watermark' || watermark <= this.watermark) return;
    this.watermark = watermark;
    this.advance(watermark, out);
  }

  onTimer(time: number, out: Collector): void {
    for (const wins of this.byKey.values()) {
      for (const w of wins) {
        if (w.earlyAt !== time) continue;
        w.earlyAt = -1;
        if (!w.passed) this.fire(w, this.pastEnd(w.end) ? 'LATE' : 'EARLY', out);
      }
    }
  }

  timers(): number[] {
    const out = new Set<number>();
    for (const wins of this.byKey.values()) for (const w of wins) if (w.earlyAt >= 0) out.add(w.earlyAt);
    return [...out].sort((a, b) => a - b);
  }

  lateDropped(): number {
    return this.dropped;
  }

  currentStreamTime(): number | undefined {
    return this.spec.clock === 'stream-time' ? this.streamTime : undefined;
  }

  reset(): void {
    this.byKey = new Map();
    this.heldBy = new Map();
    this.watermark = -Infinity;
    this.streamTime = -Infinity;
    this.nextCheck = Infinity;
  }

  snapshotState(): WindowOperatorState {
    const windows: WinState[] = [];
    for (const wins of this.byKey.values()) {
      for (const w of wins) {
        windows.push({
          keyId: w.keyId,
          start: w.start,
          end: w.end,
          all: w.all.state(),
          pane: w.pane.state(),
          panes: w.panes,
          passed: w.passed,
          last: w.last,
          retract: w.retract.map((r) => ({ ...r })),
          earlyAt: w.earlyAt,
          lastId: w.lastId,
          maxTs: w.maxTs,
        });
      }
    }
    return { streamTime: this.streamTime, dropped: this.dropped, windows };
  }

  restoreState(state: unknown): void {
    const s = state as WindowOperatorState;
    this.reset();
    this.streamTime = s.streamTime;
    this.dropped = s.dropped;
    for (const w of s.windows) {
      const win: Win = {
        ...w,
        all: Accumulator.from(w.all),
        pane: Accumulator.from(w.pane),
        retract: w.retract.map((r) => ({ ...r })),
        held: NO_HELD,
      };
      this.windowsOf(w.keyId).push(win);
      this.watch(win);
    }
  }

  stateSize(): number {
    let n = 0;
    for (const wins of this.byKey.values()) n += wins.length;
    return n;
  }

  stateKeys(): string[] {
    const out: string[] = [];
    for (const [keyId, wins] of this.byKey) if (wins.length > 0) out.push(this.keys.names[keyId]!);
    return out;
  }

  /** The windows open now, for the UI: key, bounds, count so far, panes emitted. */
  openWindows(): {
    key: string;
    start: number;
    end: number;
    count: number;
    panes: number;
    passed: boolean;
  }[] {
    const out = [];
    for (const wins of this.byKey.values()) {
      for (const w of wins) {
        out.push({
          key: this.keys.names[w.keyId]!,
          start: w.start,
          end: w.end,
          count: w.all.count,
          panes: w.panes,
          passed: w.passed,
        });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  /** The clock's current value: the watermark, or the stream time. */
  private get clock(): number {
    return this.spec.clock === 'watermark' ? this.watermark : this.streamTime;
  }

  /** Whether the window [·, end) no longer accepts elements (its state can go). */
  private closed(end: number): boolean {
    return this.spec.clock === 'watermark'
      ? end - 1 + this.lateness <= this.watermark
      : end + this.lateness <= this.streamTime;
  }

  /** Whether the clock is past the window's end (its panes from now on are LATE). */
  private pastEnd(end: number): boolean {
    return this.spec.clock === 'watermark' ? end - 1 <= this.watermark : end <= this.streamTime;
  }

  /**
   * When the window's on-time pane is due: once the watermark passes `end − 1` (Flink), or when the
   * window closes (Kafka Streams' suppress emits the final result then).
   */
  private dueAt(w: Win): number {
    return this.spec.clock === 'watermark' ? w.end - 1 : w.end + this.lateness;
  }

  /** The clock value at which the window next needs attention: its on-time pane, then its removal. */
  private nextAt(w: Win): number {
    if (!w.passed) return this.dueAt(w);
    return this.spec.clock === 'watermark' ? w.end - 1 + this.lateness : w.end + this.lateness;
  }

  /**
   * Adds the element to its windows. Returns null when it went into at least one; otherwise the
   * windows it came too late for (every one of them closed).
   */
  private addToWindows(record: StreamRecord, out: Collector): Span[] | null {
    const assigner = this.spec.window as Exclude<WindowSpec['window'], { type: 'session' }>;
    if (assigner.type === 'tumbling') {
      // One window: no list to allocate (the common case, on the hot path).
      const start = windowStart(record.eventTime, assigner.offset, assigner.size);
      const end = start + assigner.size;
      if (this.closed(end)) return [{ start, end }];
      const w = this.find(record.keyId, start) ?? this.open(record.keyId, { start, end });
      if (w.panes === 0 && w.all.count === 0) this.watch(w);
      if (this.pastEnd(end)) out.late(record, [{ start, end }], 'accepted');
      this.add(w, record, out.hold());
      this.onElement(w, out);
      return null;
    }
    const spans = assignWindows(assigner, record.eventTime);
    let held: HeldInput | null | undefined;
    let lateSpans: Span[] | null = null;
    for (const span of spans) {
      if (this.closed(span.end)) continue;
      if (this.pastEnd(span.end)) (lateSpans ??= []).push(span);
    }
    if (lateSpans !== null) out.late(record, lateSpans, 'accepted');
    for (const span of spans) {
      if (this.closed(span.end)) continue;
      if (held === undefined) held = out.hold();
      const w = this.find(record.keyId, span.start) ?? this.open(record.keyId, span);
      if (w.panes === 0 && w.all.count === 0) this.watch(w);
      this.add(w, record, held);
      this.onElement(w, out);
    }
    return held !== undefined ? null : spans;
  }

  /** Adds the element to its session (merging). Returns null when it did; otherwise the session it came too late for. */
  private addToSession(record: StreamRecord, out: Collector): Span[] | null {
    const spec = this.spec.window as Extract<WindowSpec['window'], { type: 'session' }>;
    const ts = record.eventTime;
    const proto = { start: ts, end: ts + spec.gap };
    const wins = this.windowsOf(record.keyId);
    // The sessions this element's own window [ts, ts + gap) merges with (usually none or one).
    let merging: Win[] | null = null;
    let start = proto.start;
    let end = proto.end;
    let lastTs = ts;
    for (const w of wins) {
      if (!sessionsMerge(w, proto, spec.touching)) continue;
      (merging ??= []).push(w);
      if (w.start < start) start = w.start;
      if (w.end > end) end = w.end;
      if (w.maxTs > lastTs) lastTs = w.maxTs;
    }
    // Flink: the element is late when the window it would end up in is late. Kafka Streams: when
    // the merged session's last event time is older than stream time minus the grace.
    const late =
      this.spec.clock === 'watermark' ? this.closed(end) : lastTs + this.lateness < this.streamTime;
    if (late) {
      if (merging === null) this.dropIfEmpty(record.keyId);
      return [{ start, end }];
    }
    if (this.pastEnd(end)) out.late(record, [{ start, end }], 'accepted');
    let w: Win;
    if (merging === null) w = this.open(record.keyId, proto);
    else {
      w = merging[0]!;
      for (const other of merging.slice(1)) this.mergeInto(w, other, wins);
      if (w.start !== start || w.end !== end) {
        // A merged session is a new window (Beam): its last pane is taken back under its old
        // bounds, and its panes are numbered from 0 again.
        if (w.last !== null) w.retract = [...w.retract, { start: w.start, end: w.end, value: w.last }];
        w.last = null;
        w.panes = 0;
      }
      w.start = start;
      w.end = end;
      // A merged window whose end moved beyond the clock is open again.
      w.passed = w.passed && this.pastEnd(end);
    }
    this.watch(w);
    this.add(w, record, out.hold());
    this.onElement(w, out);
    return null;
  }

  private mergeInto(target: Win, other: Win, wins: Win[]): void {
    target.all.merge(other.all);
    target.pane.merge(other.pane);
    target.panes = Math.max(target.panes, other.panes);
    target.passed = target.passed || other.passed;
    const owed =
      other.last === null
        ? other.retract
        : [...other.retract, { start: other.start, end: other.end, value: other.last }];
    if (owed.length > 0) target.retract = [...target.retract, ...owed];
    if (other.earlyAt >= 0 && (target.earlyAt < 0 || other.earlyAt < target.earlyAt))
      target.earlyAt = other.earlyAt;
    if (other.held.length > 0) target.held = [...target.held, ...other.held];
    if (other.lastId > target.lastId) target.lastId = other.lastId;
    if (other.maxTs > target.maxTs) target.maxTs = other.maxTs;
    wins.splice(wins.indexOf(other), 1);
  }

  private add(w: Win, record: StreamRecord, held: HeldInput | null): void {
    w.all.add(record.value);
    w.pane.add(record.value);
    w.lastId = record.id;
    if (record.eventTime > w.maxTs) w.maxTs = record.eventTime;
    if (held !== null) {
      if (w.held === NO_HELD) w.held = [];
      w.held.push(held);
      this.heldBy.set(held, (this.heldBy.get(held) ?? 0) + 1);
    }
  }

  /** The triggers' reaction to an element (Flink's Trigger.onElement). */
  private onElement(w: Win, out: Collector): void {
    const spec = this.spec;
    if (spec.emit === 'every-update') {
      this.fire(w, this.pastEnd(w.end) ? 'LATE' : 'EARLY', out);
      return;
    }
    if (spec.count !== undefined) {
      // A count trigger replaces the end-of-window trigger (Flink's CountTrigger).
      if (w.pane.count >= spec.count) this.fire(w, this.pastEnd(w.end) ? 'LATE' : 'EARLY', out);
      return;
    }
    if (spec.clock === 'watermark' && this.pastEnd(w.end)) {
      // A late element of a window still kept fires a late pane at once (EventTimeTrigger).
      w.passed = true;
      this.fire(w, 'LATE', out);
      return;
    }
    const early = spec.early;
    if (early === undefined) return;
    if (early === 'every-element') this.fire(w, 'EARLY', out);
    else if (w.earlyAt < 0) {
      // Beam's AfterProcessingTime.pastFirstElementInPane().plusDelayOf(every), repeatedly.
      w.earlyAt = out.now + early.every;
      out.registerTimer(w.earlyAt);
    }
  }

  /** The clock advanced: on-time panes for windows whose end it passed, then cleanup. */
  private advance(clock: number, out: Collector): void {
    if (clock < this.nextCheck) return;
    const due: Win[] = [];
    for (const wins of this.byKey.values())
      for (const w of wins) if (!w.passed && this.dueAt(w) <= clock) due.push(w);
    // Flink fires event-time timers in timestamp order; ties by window start, then key.
    due.sort((a, b) => a.end - b.end || a.start - b.start || a.keyId - b.keyId);
    const fires = this.spec.emit === 'window-close' && this.spec.count === undefined;
    for (const w of due) {
      w.passed = true;
      if (fires) this.fire(w, 'ON_TIME', out);
    }
    this.nextCheck = Infinity;
    for (const [keyId, wins] of this.byKey) {
      for (let i = wins.length - 1; i >= 0; i--) {
        const w = wins[i]!;
        if (this.closed(w.end)) {
          wins.splice(i, 1);
          this.release(w, out);
        } else this.watch(w);
      }
      if (wins.length === 0) this.byKey.delete(keyId);
    }
  }

  /** Makes sure the clock looks at the window again when it reaches its next moment. */
  private watch(w: Win): void {
    const at = this.nextAt(w);
    if (at < this.nextCheck) this.nextCheck = at;
  }

  /**
   * Emits a pane of the window. Early and late panes need something new since the last pane; the
   * on-time pane is always emitted (Beam's default OnTimeBehavior.FIRE_ALWAYS: in discarding mode
   * it may be empty, a count or sum of 0).
   */
  private fire(w: Win, timing: PaneTiming, out: Collector): void {
    if (w.pane.count === 0 && timing !== 'ON_TIME') return;
    const spec = this.spec;
    const acc = spec.accumulation === 'discarding' ? w.pane : w.all;
    const value = acc.value(spec.aggregate);
    if (spec.accumulation === 'accumulating-retracting') {
      for (const r of w.retract) this.emitPane(w, r, r.value, timing, true, out);
      w.retract = NO_RETRACTIONS;
      if (w.last !== null) this.emitPane(w, w, w.last, timing, true, out);
    }
    this.emitPane(w, w, value, timing, false, out, acc.items);
    w.panes++;
    w.last = value;
    w.pane = new Accumulator(this.keepItems);
  }

  private emitPane(
    w: Win,
    span: Span,
    value: number,
    timing: PaneTiming,
    retraction: boolean,
    out: Collector,
    items?: number[] | null,
  ): void {
    const pane = {
      start: span.start,
      end: span.end,
      timing,
      index: w.panes,
      emittedAt: out.now,
      watermark: this.clock,
      retraction,
      ...(items ? { items: [...items] } : {}),
    };
    // A window's results carry its last timestamp, end − 1, so consecutive windows line up (Flink,
    // Beam); Kafka Streams stamps them with the largest input timestamp.
    const eventTime = this.spec.clock === 'stream-time' ? w.maxTs : span.end - 1;
    const record = new DerivedRecord(
      w.lastId,
      this.keys.names[w.keyId]!,
      w.keyId,
      value,
      eventTime,
      out.now,
      { pane },
    );
    out.emitFrom(record, w.held);
  }

  /** The window is gone: inputs no other window holds are acked. */
  private release(w: Win, out: Collector): void {
    const done: HeldInput[] = [];
    for (const h of w.held) {
      const n = this.heldBy.get(h)! - 1;
      if (n > 0) this.heldBy.set(h, n);
      else {
        this.heldBy.delete(h);
        done.push(h);
      }
    }
    if (done.length > 0) out.ackHeld(done);
  }

  private windowsOf(keyId: number): Win[] {
    let wins = this.byKey.get(keyId);
    if (wins === undefined) this.byKey.set(keyId, (wins = []));
    return wins;
  }

  private dropIfEmpty(keyId: number): void {
    if (this.byKey.get(keyId)?.length === 0) this.byKey.delete(keyId);
  }

  private find(keyId: number, start: number): Win | undefined {
    const wins = this.byKey.get(keyId);
    if (wins === undefined) return undefined;
    for (const w of wins) if (w.start === start) return w;
    return undefined;
  }

  private open(keyId: number, span: Span): Win {
    const w: Win = {
      keyId,
      start: span.start,
      end: span.end,
      all: new Accumulator(this.keepItems),
      pane: new Accumulator(this.keepItems),
      panes: 0,
      passed: false,
      last: null,
      retract: NO_RETRACTIONS,
      earlyAt: -1,
      lastId: -1,
      maxTs: -Infinity,
      held: NO_HELD,
    };
    this.windowsOf(keyId).push(w);
    return w;
  }
}
