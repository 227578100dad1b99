import { Acking } from '../ack/Acking.ts';
import { AckTracker } from '../ack/AckTracker.ts';
import { AckNotices } from '../ack/notices.ts';
import { Checkpointing } from '../checkpoint/Checkpointing.ts';
import { deliverBarrier } from '../checkpoint/barriers.ts';
import { KeyTable } from '../core/KeyTable.ts';
import { PortHeap } from '../core/PortHeap.ts';
import { hashNumber } from '../core/hash.ts';
import { Rng, RngStream } from '../core/rng.ts';
import { TimerQueue, type TimerEntry } from '../core/TimerQueue.ts';
import { extraDelay, hits, slowFactor, type FaultWindow } from '../faults/FaultWindow.ts';
import { planJob, type Plan } from '../graph/plan.ts';
import type { LogMarker, StreamElement, StreamRecord } from '../model/elements.ts';
import { AckingSettings, CheckpointSettings } from '../model/schema.ts';
import type {
  AppliedFailure,
  CrashRecord,
  LateOutcome,
  LossReason,
  LossRecord,
  ReplayRecord,
  TraceEvent,
  TraceObserver,
} from '../model/trace.ts';
import type {
  AckingSettings as AckingSettingsT,
  AckMode,
  CheckpointSettings as CheckpointSettingsT,
  JobSpec,
  ScheduledFailure,
  Semantics,
} from '../model/types.ts';
import { type Collector, FAILED } from '../operators/Operator.ts';
import type { Span } from '../operators/window/assigners.ts';
import { buildRuntime, type Runtime } from './build.ts';
import type { Channel } from './Channel.ts';
import { Field, Route, type InstanceRuntime, type OutputRoute } from './Instance.ts';
import type { TimerAction } from './timers.ts';
import { deliverTime, endOfInput, eventClock, readMarker, sourceRecord } from '../time/propagation.ts';

/** How to run a job. */
export interface EngineOptions {
  /** Seeds generated input and every random choice (failure probabilities, edge ids). */
  readonly seed: number;
  readonly semantics: Semantics;
  /** At-least-once: Storm's acknowledger (default) or checkpointed source offsets. */
  readonly ackMode?: AckMode;
  readonly acking?: AckingSettingsT;
  readonly checkpointing?: CheckpointSettingsT;
  /** Virtual ms during which generators append input. */
  readonly runFor: number;
  /** Failures to inject at their virtual times. */
  readonly failures?: readonly ScheduledFailure[];
  /** Receives every step (for animation and tests); omit it for speed. */
  readonly observer?: TraceObserver;
  /**
   * The trace event types the observer wants (default: all). The engine may skip building the
   * others where that saves work on its hot path (today: `send`, the most frequent one).
   */
  readonly observed?: ReadonlySet<TraceEvent['type']>;
  /** Acking: keep the trees of this many recent roots for the UI (0: none). */
  readonly keepTrees?: number;
}

const STEP_READ = 1;
const STEP_DELIVER = 2;
const STEP_DISCARD = 3;
/** Timers, crashes, injected failures (see timers.ts). */
export const STEP_CONTROL = 4;
/** The acker's verdict reaching a source (see ack/notices.ts). */
export const STEP_NOTICE = 5;
/** A checkpoint barrier reaching an instance (see checkpoint/barriers.ts). */
export const STEP_BARRIER = 6;
/** A checkpoint triggered, acknowledged, declined, completed or aborted; a transaction finished; a failover. */
export const STEP_CHECKPOINT = 7;
/** A watermark or watermark status reaching an instance; an operator's timer firing (see time/). */
export const STEP_TIME = 8;

/**
 * How elements move through a running job — reading, delivering, processing, routing, sending,
 * backpressure — and the state that movement needs. The hot path of the engine; the {@link Engine}
 * facade adds the scheduler loop, timers and the public API on top.
 */
export abstract class Dataflow {
  readonly job: JobSpec;
  readonly plan: Plan;
  readonly options: EngineOptions;
  readonly rt: Runtime;
  /** Every key string seen, as dense ids (keyed state is indexed by them). */
  readonly keys = new KeyTable();
  /** At-least-once by acking: the acker, pending buffers and replay queues; null otherwise. */
  readonly acking: Acking | null;
  /** Checkpointing (exactly-once; at-least-once by checkpoint): coordinator, barrier handlers, failovers; null otherwise. */
  readonly checkpointing: Checkpointing | null;
  /** Store id → outage windows. */
  readonly storeOutages = new Map<string, FaultWindow[]>();
  /** The first loss of each lost event, in order. */
  readonly losses: LossRecord[] = [];
  /** Every replay of an event by its source, in order. */
  readonly replays: ReplayRecord[] = [];
  /** Every crash of an instance, in order (what state it lost: the output panel explains wrong values by it). */
  readonly crashes: CrashRecord[] = [];
  /** Every failure applied, scripted or injected, in order. */
  readonly failuresApplied: AppliedFailure[] = [];
  /** Random draws for failures only, so other features never shift them. */
  readonly failureRng: Rng;
  /** @internal The scheduler's ports: channel heads, source reads, notice queues. */
  readonly heap: PortHeap;
  /** @internal */
  readonly timers = new TimerQueue<TimerAction>();
  /** @internal */
  readonly observer: TraceObserver | undefined;
  /** The observer wants `send` events (one per element sent: most of a trace). */
  private readonly traceSends: boolean;
  /** @internal Acking: the next timeout tick, if one is scheduled. */
  ackTick: TimerEntry<TimerAction> | null = null;

  protected clock = 0;
  protected seq = 0;
  protected stepCount = 0;
  /** The trace hash's two lanes (see {@link Engine.traceHash}). */
  protected h1 = 0x811c9dc5;
  protected h2 = 0x1b873593;
  private readonly lostIds = new Set<number>();
  private readonly tracker: AckTracker | null;
  /** Acking: the acker's verdicts on their way to the sources (ports from noticeBase on). */
  protected readonly ackNotices: AckNotices | null;
  protected readonly noticeBase: number;
  /** The instance whose logic is running, and when its outputs leave. */
  private current: InstanceRuntime | null = null;
  private departureTime = 0;
  /** With an observer: the channel the record being processed came from (-1: a source read). */
  private tracedChannel = -1;
  /** The input edge (of its component) the record being processed came on. */
  private currentPort = 0;
  private readonly collector: Collector;

  protected constructor(job: JobSpec, options: EngineOptions) {
    this.job = job;
    this.options = {
      ...options,
      ackMode: options.ackMode ?? 'acking',
      acking: options.acking ?? AckingSettings.parse({}),
      checkpointing: options.checkpointing ?? CheckpointSettings.parse({}),
    };
    this.plan = planJob(job);
    const checkpointed =
      options.semantics === 'exactly-once' ||
      (options.semantics === 'at-least-once' && this.options.ackMode === 'checkpoint');
    this.rt = buildRuntime(job, this.plan, options.seed, options.runFor, this.keys, checkpointed);
    this.observer = options.observer;
    this.traceSends = options.observer !== undefined && (options.observed?.has('send') ?? true);
    this.failureRng = new Rng(options.seed, RngStream.failures);
    const atLeastOnce = options.semantics === 'at-least-once';
    this.acking =
      atLeastOnce && this.options.ackMode === 'acking'
        ? new Acking(
            this.options.acking!,
            this.rt.sourceInstances.length,
            options.seed,
            options.keepTrees ?? 0,
          )
        : null;
    this.tracker = this.acking === null ? null : new AckTracker(this.acking, this);
    this.checkpointing = checkpointed
      ? new Checkpointing(
          options.semantics === 'exactly-once' ? 'exactly-once' : 'at-least-once',
          this.options.checkpointing!,
          this.rt,
        )
      : null;
    this.noticeBase = this.rt.channels.length + this.rt.sourceInstances.length;
    this.ackNotices = this.acking === null ? null : new AckNotices(this.noticeBase, this.rt.instances.length);
    this.heap = new PortHeap(this.noticeBase + (this.ackNotices === null ? 0 : this.rt.instances.length));
    if (this.acking) for (const ch of this.rt.channels) ch.enableAnchors();
    const engine = this;
    this.collector = {
      emit: (record) => {
        if (engine.observer !== undefined) engine.tracePane(record);
        engine.route(record);
      },
      get now() {
        return engine.clock;
      },
      isStoreDown: (store) => engine.isStoreDown(store),
      hold: () => engine.tracker?.hold() ?? null,
      emitFrom: (record, held) => {
        if (engine.observer !== undefined) engine.tracePane(record);
        if (engine.tracker) engine.tracker.emitFrom(record, held);
        else engine.route(record);
      },
      ackHeld: (held) => engine.tracker?.ackHeld(held, engine.current!.index),
      get input() {
        return engine.currentPort;
      },
      registerTimer: (time) => engine.registerOperatorTimer(engine.current!, time),
      late: (record, windows, outcome) => engine.late(record, windows, outcome),
    };
  }

  /** Current virtual time in ms. */
  get now(): number {
    return this.clock;
  }

  /** @internal When the outputs of the processing in progress leave (its end). */
  get departure(): number {
    return this.departureTime;
  }

  /** Schedules a timer; a daemon timer (periodic) does not keep the run alive. */
  schedule(time: number, action: TimerAction, daemon = false): TimerEntry<TimerAction> {
    return this.timers.add(time, this.seq++, action, daemon);
  }

  isStoreDown(store: string): boolean {
    const windows = this.storeOutages.get(store);
    if (windows === undefined || windows.length === 0) return false;
    for (let i = windows.length - 1; i >= 0; i--) if (windows[i]!.to <= this.clock) windows.splice(i, 1);
    return windows.some((w) => w.from <= this.clock && this.clock < w.to);
  }

  channelName(ch: Channel): string {
    return `${ch.sender.name} → ${ch.target.name}`;
  }

  // ---------------------------------------------------------------------------------------------
  // The hot path.

  /** Takes the head of a channel to its receiver. Returns false for scheduler-internal moves. */
  protected deliver(port: number): boolean {
    const ch = this.rt.channels[port]!;
    const inst = ch.target;
    if (!inst.up) return this.discard(ch);
    if (ch.blocked) {
      // Aligning a checkpoint: this channel's records wait for the other inputs' barriers.
      this.heap.remove(port);
      return false;
    }
    const now = this.clock;
    if (inst.busyUntil > now) {
      this.heap.set(port, inst.busyUntil, ch.headSeq());
      return false;
    }
    if (inst.fullOutputs > 0) {
      this.park(inst, port);
      ch.parked = true;
      return false;
    }
    this.heap.remove(port);
    const el = this.take(ch);
    if (this.observer !== undefined) this.tracedChannel = ch.index;
    if (el.kind !== 'record') {
      if (el.kind === 'barrier') deliverBarrier(this, this.checkpointing!, inst, ch, el);
      else deliverTime(this, inst, ch, el);
    } else {
      ch.received++;
      this.currentPort = ch.inputPort;
      this.fold(STEP_DELIVER, inst.index, el.id, el.keyId ^ el.value);
      if (this.tracker === null) this.process(inst, el);
      else this.processTracked(inst, el, ch);
    }
    if (ch.size > 0 && !ch.blocked) {
      // The next element waits at least until the instance is free again (a barrier takes no time).
      const free = inst.busyUntil > now ? inst.busyUntil : now;
      const t = ch.headTime();
      this.heap.set(port, t > free ? t : free, ch.headSeq());
    }
    return true;
  }

  /** The receiver is down: what arrives now is lost. */
  private discard(ch: Channel): boolean {
    const inst = ch.target;
    const el = this.take(ch);
    if (el.kind === 'record') {
      this.fold(STEP_DISCARD, ch.index, el.id, 0);
      ch.lost++;
      inst.lost++;
      this.lose(el.id, inst.name, 'instance-down');
    }
    this.rekeyChannel(ch, this.clock);
    return true;
  }

  /** A source instance reads its next record from its log (or replays a failed one). */
  protected read(port: number): boolean {
    const inst = this.rt.sourceInstances[port - this.rt.channels.length]!;
    if (inst.busyUntil > this.clock) {
      this.heap.set(port, inst.busyUntil, this.heap.seq(port));
      return false;
    }
    const acking = this.acking;
    if (inst.fullOutputs > 0 || (acking !== null && acking.atLimit(inst.sourceSlot))) {
      this.park(inst, port);
      return false;
    }
    this.heap.remove(port);
    if (acking !== null || this.checkpointing !== null) this.readTracked(inst);
    else {
      const reader = inst.reader!;
      const p = reader.nextPartition();
      const offset = reader.positions[p]!;
      const record = reader.read(p);
      if (record.kind !== 'record') this.readMarker(inst, p, record);
      else {
        this.fold(STEP_READ, inst.index, record.id, record.keyId ^ record.value);
        if (this.observer !== undefined) this.traceRead(inst, p, offset, record);
        if (inst.sourceWatermarks !== null) sourceRecord(this, inst, p, record);
        this.process(inst, record);
      }
    }
    this.scheduleRead(inst);
    return true;
  }

  /** An explicit timeline's marker: a watermark to emit, or just processing time passing. */
  private readMarker(inst: InstanceRuntime, p: number, marker: LogMarker): void {
    this.fold(STEP_READ, inst.index, -1, marker.watermark ?? -1);
    readMarker(this, inst, p, marker);
  }

  /** A read with at-least-once machinery: replays first; acking makes it a root; a rewound read is a replay. */
  private readTracked(inst: InstanceRuntime): void {
    const reader = inst.reader!;
    const replay = this.acking?.takeReplay(inst.sourceSlot);
    const p = replay !== undefined ? replay.partition : reader.nextPartition();
    const offset = replay !== undefined ? replay.offset : reader.positions[p]!;
    // After a rewind to a checkpoint, a source reads offsets it has read before: replays.
    const rewound = this.checkpointing !== null && offset < reader.highWater[p]!;
    const record = replay !== undefined ? reader.reread(p, offset) : reader.read(p);
    if (record.kind !== 'record') {
      this.readMarker(inst, p, record);
      return;
    }
    this.fold(STEP_READ, inst.index, record.id, record.keyId ^ record.value);
    if (inst.sourceWatermarks !== null) sourceRecord(this, inst, p, record);
    if (this.observer !== undefined) this.traceRead(inst, p, offset, record);
    if (rewound) this.logRewindReplay(inst, record);
    const tracker = this.tracker;
    if (tracker === null) this.process(inst, record);
    else {
      tracker.beginEmission(inst, p, offset, record, replay);
      tracker.endEmission(inst, this.process(inst, record));
    }
  }

  /** Acking: an operator or sink processes a tuple, then acks it (or fails its trees). */
  private processTracked(inst: InstanceRuntime, el: StreamRecord, ch: Channel): void {
    const tracker = this.tracker!;
    tracker.beginInput(ch);
    tracker.endInput(inst, this.process(inst, el));
  }

  /**
   * Runs an instance's logic on one record (sources: emits what they read; sinks: write it). Returns
   * false when the processing failed.
   */
  private process(inst: InstanceRuntime, record: StreamRecord): boolean {
    const comp = inst.component;
    const now = this.clock;
    const faulty = now < comp.faultyUntil;
    const cost = faulty ? comp.cost * slowFactor(comp.slowWindows, now, inst.sub) : comp.cost;
    this.departureTime = now + cost;
    inst.busyUntil = now + cost;
    inst.processed++;
    comp.perEvent.processed(record.id);
    if (faulty && hits(comp.failWindows, now, inst.sub, this.failureRng)) return this.failed(inst, record);
    this.current = inst;
    const logic = inst.logic;
    if (logic !== null) {
      const emitted = inst.emitted;
      const result = logic.process(record, this.collector);
      if (result === FAILED) return this.failed(inst, record);
      if (result !== null) this.route(result);
      else if (inst.emitted === emitted && !(this.tracker?.holding ?? false) && logic.keepsInputs !== true)
        inst.earlyOut++;
    } else if (comp.table !== null) {
      comp.table.write(record, now, inst.sub);
    } else {
      this.route(record);
    }
    if (this.observer !== undefined) this.traceProcess(inst, record, true);
    return true;
  }

  private failed(inst: InstanceRuntime, record: StreamRecord): false {
    inst.failed++;
    inst.component.perEvent.failed(record.id);
    // Untracked, a failed event is simply gone. With acking its tree fails and it is replayed; with
    // checkpointing the job fails over and reads it again.
    if (this.checkpointing !== null) this.checkpointing.requestFailover(`processing failed at ${inst.name}`);
    else if (this.acking === null) this.lose(record.id, inst.name, 'processing-failed');
    if (this.observer !== undefined) this.traceProcess(inst, record, false);
    return false;
  }

  /** @internal Sends a record produced by the current instance along every output edge. */
  route(record: StreamRecord): void {
    this.routeTo(this.current!.outputs, record);
  }

  /** @internal Sends a record of the current instance along the given output edges (its results, or its side output). */
  routeTo(outputs: readonly OutputRoute[], record: StreamRecord): void {
    const inst = this.current!;
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs[i]!;
      const channels = out.channels;
      switch (out.grouping) {
        case Route.shuffle: {
          const rr = out.rr;
          out.rr = rr + 1 === channels.length ? 0 : rr + 1;
          this.send(inst, channels[rr]!, record);
          break;
        }
        case Route.fields:
          this.send(inst, channels[this.fieldHash(out.field, record) % channels.length]!, record);
          break;
        case Route.all:
          for (let c = 0; c < channels.length; c++) this.send(inst, channels[c]!, record);
          break;
        default:
          this.send(inst, channels[0]!, record);
      }
    }
  }

  /**
   * @internal Collector.late: what lateness decided about the record being processed. A record for
   * the side output goes on the instance's late edges; every verdict is traced.
   */
  late(record: StreamRecord, windows: readonly Span[], outcome: LateOutcome): void {
    const inst = this.current!;
    if (this.observer !== undefined) {
      this.observer({
        type: 'late',
        time: this.clock,
        instance: inst.index,
        id: record.id,
        key: record.key,
        value: record.value,
        eventTime: record.eventTime,
        clock: eventClock(inst),
        windows,
        outcome,
      });
    }
    if (outcome === 'side-output') this.routeTo(inst.lateOutputs, record);
  }

  /** With an observer: a window's pane leaving the current instance is traced. */
  private tracePane(record: StreamRecord): void {
    const extra = record.extra;
    if (extra === undefined || !('pane' in extra)) return;
    this.observer!({
      type: 'pane',
      time: this.clock,
      instance: this.current!.index,
      id: record.id,
      key: record.key,
      value: record.value,
      eventTime: record.eventTime,
      pane: extra.pane,
    });
  }

  /** The hash fields grouping partitions by: it depends only on the field's value, so routing is stable across runs. */
  private fieldHash(field: number, record: StreamRecord): number {
    if (field === Field.key) return this.keys.hashes[record.keyId]!;
    return field === Field.id ? record.id : hashNumber(record.value);
  }

  private send(inst: InstanceRuntime, ch: Channel, record: StreamRecord): void {
    ch.sent++;
    inst.emitted++;
    // Acking: every copy sent is a new tuple of the tree(s), with its own random edge id.
    const tracker = this.tracker;
    if (tracker !== null && tracker.tracking) tracker.anchorSend(ch);
    let arrival = this.departureTime + ch.latency;
    if (this.clock < ch.faultyUntil) {
      const extra = this.edgeFault(ch, record);
      if (extra < 0) return;
      arrival += extra;
    }
    if (ch.size >= ch.dropAt) {
      this.dropOn(ch, record, 'overflow');
      return;
    }
    if (arrival < ch.lastArrival) arrival = ch.lastArrival;
    const seq = this.seq++;
    ch.push(record, this.departureTime, arrival, seq);
    if (tracker !== null && tracker.sendRoot !== -1) {
      ch.anchorTail(tracker.sendRoot, tracker.sendHi, tracker.sendLo, tracker.sendList);
    }
    if (ch.size === 1 && !ch.parked) {
      const busyUntil = ch.target.busyUntil;
      this.heap.set(ch.index, arrival > busyUntil ? arrival : busyUntil, seq);
    }
    if (ch.size === ch.blockAt) inst.fullOutputs++;
    if (this.traceSends) this.traceSend(ch, record, arrival);
  }

  /** Applies an edge's active failures to one message: -1 when it is dropped, else the extra delay. */
  private edgeFault(ch: Channel, record: StreamRecord): number {
    const edge = ch.edgeRuntime;
    if (hits(edge.dropWindows, this.clock, -1, this.failureRng)) {
      this.dropOn(ch, record, 'fault');
      return -1;
    }
    return extraDelay(edge.delayWindows, this.clock);
  }

  private dropOn(ch: Channel, record: StreamRecord, reason: 'fault' | 'overflow'): void {
    ch.dropped++;
    // With checkpointing a lost message is a network failure: the job fails over and replays it.
    if (reason === 'fault' && this.checkpointing !== null) {
      this.checkpointing.requestFailover(`message lost on ${this.channelName(ch)}`);
    } else this.lose(record.id, this.channelName(ch), 'dropped');
    this.observer?.({ type: 'drop', time: this.clock, channel: ch.index, id: record.id, reason });
  }

  /** Removes a channel's head; a channel that stops being full unblocks its sender. */
  private take(ch: Channel): StreamElement {
    const wasFull = ch.size === ch.blockAt;
    const el = ch.shift();
    if (wasFull) this.unblockOne(ch.sender);
    return el;
  }

  /** @internal Puts a channel back on the scheduler at its head's arrival (not before `notBefore`), or takes it off. */
  rekeyChannel(ch: Channel, notBefore: number): void {
    if (ch.size === 0) {
      this.heap.remove(ch.index);
      return;
    }
    const t = ch.headTime();
    this.heap.set(ch.index, t > notBefore ? t : notBefore, ch.headSeq());
  }

  /** Puts a source instance's next read on the scheduler (or takes it off at the end of input). */
  scheduleRead(inst: InstanceRuntime): void {
    // A source's only port is its read port: parked means that one.
    if (inst.parked.length > 0) return;
    const replayWaiting = this.acking !== null && this.acking.hasReplay(inst.sourceSlot);
    const next = replayWaiting ? this.clock : inst.reader!.nextAvailableAt();
    if (next === Infinity || !inst.up) {
      this.heap.remove(inst.sourcePort);
      // Nothing more to read, ever: the final watermark (Flink's end of input). An instance that owns
      // no partition has no input to end: it holds event time back (unless it goes idle).
      if (
        next === Infinity &&
        inst.up &&
        inst.sourceWatermarks !== null &&
        inst.reader!.partitions.length > 0
      ) {
        endOfInput(this, inst);
      }
      return;
    }
    // A record appended while the source was blocked is read now, not in the past.
    const notBefore = inst.busyUntil > this.clock ? inst.busyUntil : this.clock;
    this.heap.set(inst.sourcePort, next > notBefore ? next : notBefore, this.seq++);
  }

  private park(inst: InstanceRuntime, port: number): void {
    this.heap.remove(port);
    inst.parked.push(port);
    if (inst.blockedSince < 0) inst.blockedSince = this.clock;
  }

  /** @internal One of the instance's full output channels has room again. */
  unblockOne(inst: InstanceRuntime): void {
    if (--inst.fullOutputs > 0) return;
    this.unpark(inst);
  }

  /** Lets a parked instance read again (its outputs have room, or its source may emit again). */
  protected unpark(inst: InstanceRuntime): void {
    if (inst.blockedSince >= 0) {
      inst.blockedTime += this.clock - inst.blockedSince;
      inst.blockedSince = -1;
    }
    const now = this.clock;
    for (const port of inst.parked.splice(0)) {
      if (port === inst.sourcePort) {
        this.scheduleRead(inst);
        continue;
      }
      const ch = this.rt.channels[port]!;
      ch.parked = false;
      if (ch.size > 0) this.rekeyChannel(ch, now > inst.busyUntil ? now : inst.busyUntil);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks for the acking and checkpointing modules.

  /** @internal AckHost.notice: queues the acker's verdict on a root, sent by instance `from` (see ack/notices.ts). */
  notice(from: number, time: number, slot: number, root: number, ok: boolean): void {
    this.ackNotices!.push(this, from, time, slot, root, ok);
  }

  /** @internal Keeps the timeout tick running while trees are in flight (ticks fall on multiples of the timeout). */
  ensureTick(): void {
    if (this.ackTick !== null) return;
    const t = this.acking!.settings.timeout;
    this.ackTick = this.schedule((Math.floor(this.clock / t) + 1) * t, { type: 'ack-tick' });
  }

  /** @internal A source's pending buffer shrank or it has replays waiting: let it read again if it can. */
  sourceMayEmit(inst: InstanceRuntime): void {
    if (!inst.up) return;
    if (inst.parked.length > 0) {
      if (inst.fullOutputs === 0) this.unpark(inst);
    } else this.scheduleRead(inst);
  }

  /**
   * @internal Sends a control element (a barrier, a watermark, a watermark status) on every output
   * channel of an instance — side outputs included — in-band, behind what it already sent. It takes
   * no service time and is never dropped.
   */
  sendControl(inst: InstanceRuntime, el: StreamElement): void {
    const now = this.clock;
    for (const outputs of [inst.outputs, inst.lateOutputs]) {
      for (const out of outputs) {
        for (const ch of out.channels) {
          const arrival = Math.max(now + ch.latency, ch.lastArrival);
          const seq = this.seq++;
          ch.push(el, now, arrival, seq);
          if (ch.size === 1 && !ch.parked)
            this.heap.set(ch.index, Math.max(arrival, ch.target.busyUntil), seq);
          if (ch.size === ch.blockAt) inst.fullOutputs++;
        }
      }
    }
  }

  /** @internal Collector.registerTimer: a processing-time timer of an operator instance (one per distinct time). */
  registerOperatorTimer(inst: InstanceRuntime, time: number): void {
    if (inst.timers.has(time)) return;
    // A timer restored from a checkpoint may be due already: it fires now.
    const at = time > this.clock ? time : this.clock;
    inst.timers.set(time, this.schedule(at, { type: 'operator-timer', instance: inst.index, time }, true));
  }

  /** @internal Forgets an instance's processing-time timers (it crashed, or the job failed over). */
  cancelOperatorTimers(inst: InstanceRuntime): void {
    for (const entry of inst.timers.values()) this.timers.cancel(entry as TimerEntry<TimerAction>);
    inst.timers.clear();
  }

  /** @internal Runs an operator hook (a timer, a watermark) as the current instance; what it emits leaves now. */
  runHook(inst: InstanceRuntime, hook: () => void): void {
    const saved = this.current;
    const savedDeparture = this.departureTime;
    this.current = inst;
    this.departureTime = inst.busyUntil > this.clock ? inst.busyUntil : this.clock;
    hook();
    this.current = saved;
    this.departureTime = savedDeparture;
  }

  /** @internal The collector handed to operator logic. */
  get operatorCollector(): Collector {
    return this.collector;
  }

  /** @internal The next periodic checkpoint trigger (a daemon timer: it alone keeps no run alive). */
  scheduleCheckpoint(at: number): void {
    this.schedule(at, { type: 'checkpoint-trigger' }, true);
  }

  /** @internal A fresh sequence number (every port key and timer gets one: the order is total). */
  nextSeq(): number {
    return this.seq++;
  }

  /** @internal Folds a step taken outside this class into the trace hash. */
  foldStep(kind: number, where: number, id: number, content: number): void {
    this.fold(kind, where, id, content);
  }

  /** A source read an offset it had read before: a replay after a rewind to a checkpoint. */
  private logRewindReplay(inst: InstanceRuntime, record: StreamRecord): void {
    const restored = this.checkpointing!.recoveries.at(-1)?.restoredCheckpoint ?? null;
    this.replays.push({
      id: record.id,
      time: this.clock,
      where: inst.name,
      cause: 'rewind',
      attempt: 0,
      root: -1,
      checkpoint: restored,
    });
  }

  /** @internal Records the first loss of an event. */
  lose(id: number, where: string, reason: LossReason): void {
    this.observer?.({ type: 'lost', time: this.clock, id, where, reason });
    if (this.lostIds.has(id)) return;
    this.lostIds.add(id);
    this.losses.push({ id, time: this.clock, where, reason });
  }

  private traceRead(inst: InstanceRuntime, p: number, offset: number, record: StreamRecord): void {
    this.tracedChannel = -1;
    const partition = inst.reader!.partitions[p]!;
    this.observer!({
      type: 'read',
      time: this.clock,
      instance: inst.index,
      partition,
      offset,
      id: record.id,
    });
  }

  private traceProcess(inst: InstanceRuntime, record: StreamRecord, ok: boolean): void {
    const observer = this.observer!;
    observer({
      type: 'process',
      time: this.clock,
      instance: inst.index,
      channel: this.tracedChannel,
      id: record.id,
      key: record.key,
      value: record.value,
      eventTime: record.eventTime,
      ok,
    });
    // Stream time (Kafka Streams) moves with records only: traced when a record moved it.
    const streamTime = inst.logic?.currentStreamTime?.();
    if (streamTime !== undefined && streamTime !== inst.tracedStreamTime) {
      inst.tracedStreamTime = streamTime;
      observer({ type: 'stream-time', time: this.clock, instance: inst.index, streamTime });
    }
  }

  private traceSend(ch: Channel, record: StreamRecord, arrival: number): void {
    const departure = this.departureTime;
    this.observer!({ type: 'send', time: this.clock, channel: ch.index, id: record.id, departure, arrival });
  }

  /** Folds one step into the trace hash: kind, where, which element, its content, and when. */
  protected fold(kind: number, where: number, id: number, content: number): void {
    this.stepCount++;
    // One word per step (time at 1/4096 ms, wrapping), folded into two lanes with different mixing.
    const x = (where << 4) ^ kind ^ Math.imul(id, 0x9e3779b1) ^ content ^ ((this.clock * 4096) | 0);
    this.h1 = Math.imul(this.h1 ^ x, 0x01000193);
    this.h2 = (Math.imul(this.h2, 31) + x) | 0;
  }
}
