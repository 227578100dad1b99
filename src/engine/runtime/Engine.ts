import { Acking } from '../ack/Acking.ts';
import { AckOutcome } from '../ack/Acker.ts';
import type { Anchor, HeldInput } from '../ack/anchors.ts';
import { edgeHex } from '../ack/edgeId.ts';
import { Checkpointing } from '../checkpoint/Checkpointing.ts';
import { failover, restartJob, triggerCheckpoint } from '../checkpoint/recovery.ts';
import { KeyTable } from '../core/KeyTable.ts';
import { PortHeap } from '../core/PortHeap.ts';
import { hashNumber, traceHex } from '../core/hash.ts';
import { Rng, RngStream } from '../core/rng.ts';
import { TimerQueue } from '../core/TimerQueue.ts';
import { extraDelay, hits, slowFactor, type FaultWindow } from '../faults/FaultWindow.ts';
import { applyFailure } from '../faults/applyFailure.ts';
import { planJob, type Plan } from '../graph/plan.ts';
import type { CheckpointBarrier, StreamElement, StreamRecord } from '../model/elements.ts';
import { AckingSettings, CheckpointSettings } from '../model/schema.ts';
import type { EngineSnapshot } from '../model/snapshot.ts';
import type { LossReason, LossRecord, ReplayRecord, TraceObserver } from '../model/trace.ts';
import type {
  AckingSettings as AckingSettingsT,
  AckMode,
  CheckpointSettings as CheckpointSettingsT,
  FailureAction,
  JobSpec,
  ScheduledFailure,
  Semantics,
} from '../model/types.ts';
import { type Collector, FAILED } from '../operators/Operator.ts';
import type { SinkRow } from '../operators/sinks.ts';
import { buildRuntime, type Runtime } from './build.ts';
import type { Channel } from './Channel.ts';
import { crashInstance, restartInstance, setHealth } from './crash.ts';
import { Field, Route, type InstanceRuntime } from './Instance.ts';
import { takeSnapshot } from './snapshot.ts';

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
  /** Acking: keep the trees of this many recent roots for the UI (0: none). */
  readonly keepTrees?: number;
}

/** What a timer does when it fires. */
export type TimerAction =
  | { readonly type: 'failure'; readonly failure: FailureAction }
  | { readonly type: 'restart'; readonly instance: number }
  | { readonly type: 'ack-notify'; readonly slot: number; readonly root: number; readonly ok: boolean }
  | { readonly type: 'ack-tick' }
  | { readonly type: 'acker-restart'; readonly instance: number }
  | { readonly type: 'checkpoint-trigger' }
  | { readonly type: 'job-restart' };

const STEP_READ = 1;
const STEP_DELIVER = 2;
const STEP_DISCARD = 3;
const STEP_TIMER = 4;

/**
 * The stream engine: a deterministic discrete-event simulation of a streaming job.
 *
 * Time is virtual (ms). Every instance processes one element at a time for its service time; every
 * pair of connected instances has a FIFO channel with a capacity and a latency. The scheduler orders
 * channel heads, source reads and timers by (time, sequence number), so a run is fully determined by
 * the job, the seed and the failure script.
 *
 * Delivery semantics: at-most-once tracks nothing; at-least-once by acking tracks every source
 * event's tree with Storm's acker and replays what fails or times out (see ../ack).
 */
export class Engine {
  readonly job: JobSpec;
  readonly plan: Plan;
  readonly options: EngineOptions;
  readonly rt: Runtime;
  /** Every key string seen, as dense ids (keyed state is indexed by them). */
  readonly keys = new KeyTable();
  /** At-least-once by acking: the acker, pending buffers and replays; null otherwise. */
  readonly acking: Acking | null;
  /** Checkpointing (at-least-once by checkpointed offsets): coordinator, trackers, failovers; null otherwise. */
  readonly checkpointing: Checkpointing | null;

  private clock = 0;
  private seq = 0;
  private stepCount = 0;
  /** @internal The scheduler's ports (channel heads and source reads). */
  readonly heap: PortHeap;
  private readonly timers = new TimerQueue<TimerAction>();
  /** The trace hash's two lanes (see {@link Engine.traceHash}). */
  private h1 = 0x811c9dc5;
  private h2 = 0x1b873593;
  /** @internal */
  readonly observer: TraceObserver | undefined;
  /** Random draws for failures only, so other features never shift them. */
  readonly failureRng: Rng;
  /** Store id → outage windows. */
  readonly storeOutages = new Map<string, FaultWindow[]>();
  /** The first loss of each lost event, in order. */
  readonly losses: LossRecord[] = [];
  private readonly lostIds = new Set<number>();
  /** Every replay of an event, in order (at-least-once). */
  readonly replays: ReplayRecord[] = [];

  /** The instance whose logic is running, and when its outputs leave. */
  private current: InstanceRuntime | null = null;
  private departure = 0;
  /**
   * Acking: the anchor of the element being processed — root ≥ 0 with its edge (hi, lo), -2 for
   * several roots (anchorList), -1 for none — and the XOR of the edges its outputs created.
   */
  private anchorRoot = -1;
  private anchorHi = 0;
  private anchorLo = 0;
  private anchorList: readonly Anchor[] | undefined = undefined;
  private childHi = 0;
  private childLo = 0;
  /** Set when the operator held the current input (it is acked later, by ackHeld). */
  private heldCurrent: HeldInput | null = null;
  /** While emitting from held inputs: they are the new tuples' anchors. */
  private emitHeld: readonly HeldInput[] | null = null;
  /** The anchor the next pushed element gets (root -2: sendList). */
  private sendRoot = -1;
  private sendHi = 0;
  private sendLo = 0;
  private sendList: Anchor[] | undefined = undefined;
  private readonly collector: Collector;

  constructor(job: JobSpec, options: EngineOptions) {
    this.job = job;
    this.options = {
      ...options,
      ackMode: options.ackMode ?? 'acking',
      acking: options.acking ?? AckingSettings.parse({}),
      checkpointing: options.checkpointing ?? CheckpointSettings.parse({}),
    };
    this.plan = planJob(job);
    this.rt = buildRuntime(job, this.plan, options.seed, options.runFor, this.keys);
    this.observer = options.observer;
    this.failureRng = new Rng(options.seed, RngStream.failures);
    this.heap = new PortHeap(this.rt.channels.length + this.rt.sourceInstances.length);
    this.acking =
      options.semantics === 'at-least-once' && this.options.ackMode === 'acking'
        ? new Acking(
            this.options.acking!,
            this.rt.sourceInstances.length,
            options.seed,
            options.keepTrees ?? 0,
          )
        : null;
    if (this.acking) for (const ch of this.rt.channels) ch.enableAnchors();
    this.checkpointing =
      options.semantics === 'at-least-once' && this.options.ackMode === 'checkpoint'
        ? new Checkpointing(this.options.checkpointing!, this.rt)
        : null;
    if (this.checkpointing) this.scheduleCheckpoint();
    const engine = this;
    this.collector = {
      emit: (record) => engine.route(record),
      get now() {
        return engine.clock;
      },
      isStoreDown: (store) => engine.isStoreDown(store),
      hold: () => engine.hold(),
      emitFrom: (record, held) => engine.emitFrom(record, held),
      ackHeld: (held) => engine.ackHeld(held),
    };
    for (const inst of this.rt.sourceInstances) this.scheduleRead(inst);
    for (const f of options.failures ?? []) this.schedule(f.at, { type: 'failure', failure: f });
  }

  /** Current virtual time in ms. */
  get now(): number {
    return this.clock;
  }

  /** Scheduler steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  /**
   * True when nothing is left to do: all input read, every channel empty, no timer pending but
   * periodic ones (checkpoint triggers).
   */
  get done(): boolean {
    return this.heap.size === 0 && this.timers.liveCount === 0;
  }

  /** Hash of every step taken so far: equal hashes mean identical runs. */
  traceHash(): string {
    return traceHex(this.h1, this.h2);
  }

  /**
   * Takes one step that does something (reads, processes or discards an element, or fires a
   * timer), if one is due at or before `until`. Returns false when there is none.
   */
  step(until = Infinity): boolean {
    const heap = this.heap;
    const channelCount = this.rt.channels.length;
    for (;;) {
      const port = heap.top();
      const portTime = port >= 0 ? heap.time(port) : Infinity;
      if (this.timers.size > 0 && this.timerDue(portTime, port)) {
        // Only periodic timers left and nothing in flight: the run is over.
        if (port < 0 && this.timers.liveCount === 0) return false;
        return this.fireTimer(until);
      }
      if (port < 0 || portTime > until) return false;
      if (portTime < this.clock) throw new Error(`scheduler went back in time: ${portTime} < ${this.clock}`);
      this.clock = portTime;
      if (port < channelCount ? this.deliver(port) : this.read(port)) {
        if (this.checkpointing?.failoverReason != null) failover(this, this.checkpointing);
        return true;
      }
    }
  }

  /** Runs every step due at or before `until` (at most `maxSteps`); returns the steps taken. */
  runUntil(until: number, maxSteps = Infinity): number {
    let n = 0;
    while (n < maxSteps && this.step(until)) n++;
    if (n < maxSteps && until !== Infinity && until > this.clock) this.clock = until;
    return n;
  }

  /** Runs until nothing is left to do (or `maxTime`). */
  runToCompletion(maxTime = Infinity): void {
    while (this.step(maxTime));
  }

  /** Injects a failure now (a click in the playground). The action must be valid for this job. */
  inject(failure: FailureAction): void {
    this.fold(STEP_TIMER, -2, this.seq++, 0);
    applyFailure(this, failure);
    this.observer?.({ type: 'failure', time: this.clock, failure });
  }

  /** Schedules a timer; a daemon timer (periodic) does not keep the run alive. */
  schedule(time: number, action: TimerAction, daemon = false) {
    return this.timers.add(time, this.seq++, action, daemon);
  }

  /** Pending timers in firing order (scripted failures, restarts). */
  pendingTimers() {
    return this.timers.pending().map((t) => ({ time: t.time, action: t.payload }));
  }

  snapshot(): EngineSnapshot {
    return takeSnapshot(this);
  }

  /** The rows of a sink's table. */
  sinkRows(componentId: string): SinkRow[] {
    const comp = this.rt.components.find((c) => c.id === componentId);
    if (!comp?.table) throw new Error(`"${componentId}" is not a sink`);
    return comp.table.rows();
  }

  /** Times processed and times delivered of one event at one component. */
  eventCounts(componentId: string, id: number): { processed: number; delivered: number } {
    const comp = this.rt.components.find((c) => c.id === componentId);
    if (!comp) throw new Error(`no component "${componentId}"`);
    return { processed: comp.perEvent.timesProcessed(id), delivered: comp.perEvent.timesDelivered(id) };
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
  private deliver(port: number): boolean {
    const ch = this.rt.channels[port]!;
    const inst = ch.target;
    if (!inst.up) return this.discard(ch);
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
    if (el.kind !== 'record') this.deliverBarrier(inst, el);
    else {
      ch.received++;
      this.fold(STEP_DELIVER, inst.index, el.id, el.keyId ^ el.value);
      if (this.acking === null) this.process(inst, el);
      else this.processTracked(inst, el, ch);
    }
    if (ch.size > 0) {
      // The next element waits at least until the instance is free again.
      const t = ch.headTime();
      this.heap.set(port, t > inst.busyUntil ? t : inst.busyUntil, ch.headSeq());
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
  private read(port: number): boolean {
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
    const reader = inst.reader!;
    let p: number;
    let offset: number;
    let record: StreamRecord;
    let attempt = 1;
    const replay = acking !== null ? acking.takeReplay(inst.sourceSlot) : undefined;
    if (replay !== undefined) {
      p = replay.partition;
      offset = replay.offset;
      attempt = replay.attempt;
      record = reader.reread(p, offset);
    } else {
      p = reader.nextPartition();
      offset = reader.positions[p]!;
      record = reader.read(p);
    }
    this.fold(STEP_READ, inst.index, record.id, record.keyId ^ record.value);
    if (this.observer !== undefined) this.traceRead(inst, p, offset, record);
    if (acking === null) this.process(inst, record);
    else this.emitTracked(inst, record, p, offset, attempt, acking);
    this.scheduleRead(inst);
    return true;
  }

  /**
   * Runs an instance's logic on one record (sources: emits what they read). Returns false when the
   * processing failed.
   */
  private process(inst: InstanceRuntime, record: StreamRecord): boolean {
    const comp = inst.component;
    const now = this.clock;
    const faulty = now < comp.faultyUntil;
    const cost = faulty ? comp.cost * slowFactor(comp.slowWindows, now, inst.sub) : comp.cost;
    this.departure = now + cost;
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
      else if (inst.emitted === emitted && this.heldCurrent === null) inst.earlyOut++;
    } else if (comp.table !== null) {
      // Sinks write to their external table.
      comp.table.write(record, now);
    } else {
      // Sources emit what they read.
      this.route(record);
    }
    if (this.observer !== undefined) this.traceProcess(inst, record, true);
    return true;
  }

  private failed(inst: InstanceRuntime, record: StreamRecord): false {
    inst.failed++;
    inst.component.perEvent.failed(record.id);
    // Without tracking, a failed event is simply gone. With acking its tree fails and it is
    // replayed; with checkpointing the job fails over and re-reads it.
    if (this.checkpointing !== null) this.checkpointing.requestFailover(`processing failed at ${inst.name}`);
    else if (this.acking === null) this.lose(record.id, inst.name, 'processing-failed');
    if (this.observer !== undefined) this.traceProcess(inst, record, false);
    return false;
  }

  /** Sends a record produced by the current instance along every output edge. */
  private route(record: StreamRecord): void {
    const inst = this.current!;
    const outputs = inst.outputs;
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

  /** The hash fields grouping partitions by: it depends only on the field's value, so routing is stable across runs. */
  private fieldHash(field: number, record: StreamRecord): number {
    if (field === Field.key) return this.keys.hashes[record.keyId]!;
    return field === Field.id ? record.id : hashNumber(record.value);
  }

  private send(inst: InstanceRuntime, ch: Channel, record: StreamRecord): void {
    ch.sent++;
    inst.emitted++;
    // Acking: every copy sent is a new tuple of the tree(s), with its own random edge id.
    if (this.anchorRoot !== -1 || this.emitHeld !== null) this.newChildEdge(ch);
    let arrival = this.departure + ch.latency;
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
    ch.push(record, this.departure, arrival, seq);
    if (this.sendRoot !== -1) ch.anchorTail(this.sendRoot, this.sendHi, this.sendLo, this.sendList);
    if (ch.size === 1 && !ch.parked) {
      const busyUntil = ch.target.busyUntil;
      this.heap.set(ch.index, arrival > busyUntil ? arrival : busyUntil, seq);
    }
    if (ch.size === ch.blockAt) inst.fullOutputs++;
    if (this.observer !== undefined) this.traceSend(ch, record, arrival);
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
    if (inst.parked.includes(inst.sourcePort)) return;
    const replayWaiting = this.acking !== null && this.acking.hasReplay(inst.sourceSlot);
    const next = replayWaiting ? this.clock : inst.reader!.nextAvailableAt();
    if (next === Infinity || !inst.up) {
      this.heap.remove(inst.sourcePort);
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
  private unpark(inst: InstanceRuntime): void {
    if (inst.blockedSince >= 0) {
      inst.blockedTime += this.clock - inst.blockedSince;
      inst.blockedSince = -1;
    }
    const now = this.clock;
    const ports = inst.parked.splice(0);
    for (const port of ports) {
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
  // At-least-once by acking (Storm): every hop creates edges and acks its input.

  /** A source emits a record as a new root: init the acker with the XOR of its first edges. */
  private emitTracked(
    inst: InstanceRuntime,
    record: StreamRecord,
    p: number,
    offset: number,
    attempt: number,
    acking: Acking,
  ): void {
    const slot = inst.sourceSlot;
    const root = acking.emitRoot(slot, p, offset, record.id, attempt, this.clock);
    if (attempt > 1) this.replays.push({ id: record.id, time: this.clock, where: inst.name, attempt, root });
    acking.trees?.root({
      root,
      id: record.id,
      source: inst.index,
      partition: inst.reader!.partitions[p]!,
      offset,
      attempt,
      emittedAt: this.clock,
    });
    this.beginTracking(root, 0, 0, undefined);
    const ok = this.process(inst, record);
    this.endTracking();
    const outcome = acking.acker.init(root, this.childHi, this.childLo, slot);
    this.afterAckerUpdate(root, outcome, inst.index, null);
    // A read that failed fails its tree at once (it is replayed).
    if (!ok) this.afterAckerUpdate(root, acking.acker.fail(root), inst.index, [0, 0], 0, 0, true);
    this.ensureTick();
  }

  /**
   * An operator or sink processes a tracked element: on success it acks it in every tree it belongs
   * to (its edge XOR the edges of the tuples it emitted), on failure those trees fail. An input the
   * operator held is acked later instead (ackHeld).
   */
  private processTracked(inst: InstanceRuntime, el: StreamRecord, ch: Channel): void {
    const root = ch.takenRoot;
    const list = root === -2 ? ch.takenList : undefined;
    this.beginTracking(root, ch.takenHi, ch.takenLo, list);
    const ok = this.process(inst, el);
    const held = this.heldCurrent;
    this.endTracking();
    if (root === -1) return;
    if (held !== null) {
      // Outputs emitted right away still count towards the held input's ack.
      held.childHi ^= this.childHi;
      held.childLo ^= this.childLo;
      return;
    }
    const anchors = list ?? [{ root, hi: ch.takenHi, lo: ch.takenLo }];
    for (const a of anchors) this.ackOrFail(a, ok, this.childHi, this.childLo, inst.index);
  }

  private ackOrFail(a: Anchor, ok: boolean, childHi: number, childLo: number, instance: number): void {
    const acking = this.acking!;
    const outcome = ok ? acking.acker.ack(a.root, a.hi ^ childHi, a.lo ^ childLo) : acking.acker.fail(a.root);
    acking.trees?.settleEdge(a.root, a.hi, a.lo, ok ? 'acked' : 'failed', this.clock);
    this.afterAckerUpdate(a.root, outcome, instance, [a.hi, a.lo], childHi, childLo, !ok);
  }

  private beginTracking(root: number, hi: number, lo: number, list: readonly Anchor[] | undefined): void {
    this.anchorRoot = root;
    this.anchorHi = hi;
    this.anchorLo = lo;
    this.anchorList = list;
    this.childHi = 0;
    this.childLo = 0;
    this.heldCurrent = null;
  }

  private endTracking(): void {
    this.anchorRoot = -1;
    this.anchorList = undefined;
    this.heldCurrent = null;
    this.sendRoot = -1;
    this.sendList = undefined;
  }

  /**
   * Draws the edge id of one tuple sent on `ch` and sets its anchor: it belongs to every tree of the
   * element being processed (or of the held inputs it is emitted from).
   */
  private newChildEdge(ch: Channel): void {
    const acking = this.acking!;
    if (this.emitHeld !== null) {
      this.anchorToHeld(ch, acking);
      return;
    }
    acking.newEdge();
    const hi = acking.edgeHi;
    const lo = acking.edgeLo;
    this.childHi ^= hi;
    this.childLo ^= lo;
    if (this.anchorRoot >= 0) {
      this.sendRoot = this.anchorRoot;
      this.sendHi = hi;
      this.sendLo = lo;
      this.sendList = undefined;
    } else {
      this.sendRoot = -2;
      this.sendList = this.anchorList!.map((a) => ({ root: a.root, hi, lo }));
    }
    const trees = acking.trees;
    if (trees !== null) {
      const parent = this.current!.reader === null ? edgeHex(this.anchorHi, this.anchorLo) : null;
      for (const root of this.anchorRoot >= 0 ? [this.anchorRoot] : this.anchorList!.map((a) => a.root)) {
        trees.edge(root, hi, lo, parent, ch.fromInstance, ch.toInstance, this.clock);
      }
    }
    this.observer?.({
      type: 'ack-edge',
      time: this.clock,
      root: this.sendRoot,
      roots: this.sendRootsForTrace(),
      edge: edgeHex(hi, lo),
    });
  }

  /** A tuple emitted from held inputs: each held input gets its own fresh edge (Storm's multi-anchoring). */
  private anchorToHeld(ch: Channel, acking: Acking): void {
    const byRoot = new Map<number, [number, number]>();
    for (const h of this.emitHeld!) {
      acking.newEdge();
      h.childHi ^= acking.edgeHi;
      h.childLo ^= acking.edgeLo;
      for (const a of h.anchors) {
        const x = byRoot.get(a.root) ?? [0, 0];
        byRoot.set(a.root, [x[0] ^ acking.edgeHi, x[1] ^ acking.edgeLo]);
        acking.trees?.edge(
          a.root,
          acking.edgeHi,
          acking.edgeLo,
          edgeHex(a.hi, a.lo),
          ch.fromInstance,
          ch.toInstance,
          this.clock,
        );
        this.observer?.({
          type: 'ack-edge',
          time: this.clock,
          root: a.root,
          roots: [a.root],
          edge: edgeHex(acking.edgeHi, acking.edgeLo),
        });
      }
    }
    const list = [...byRoot].map(([root, [hi, lo]]) => ({ root, hi, lo }));
    if (list.length === 1) {
      this.sendRoot = list[0]!.root;
      this.sendHi = list[0]!.hi;
      this.sendLo = list[0]!.lo;
      this.sendList = undefined;
    } else {
      this.sendRoot = list.length === 0 ? -1 : -2;
      this.sendList = list.length === 0 ? undefined : list;
    }
  }

  private sendRootsForTrace(): number[] {
    return this.sendRoot >= 0 ? [this.sendRoot] : (this.sendList ?? []).map((a) => a.root);
  }

  /** Collector.hold: keeps the current input's anchors so it can be emitted from and acked later. */
  private hold(): HeldInput | null {
    if (this.acking === null || this.anchorRoot === -1) return null;
    const anchors =
      this.anchorRoot >= 0
        ? [{ root: this.anchorRoot, hi: this.anchorHi, lo: this.anchorLo }]
        : [...this.anchorList!];
    this.heldCurrent = { anchors, childHi: 0, childLo: 0 };
    return this.heldCurrent;
  }

  /** Collector.emitFrom: routes a record anchored to held inputs. */
  private emitFrom(record: StreamRecord, held: readonly (HeldInput | null)[]): void {
    const tracked = held.filter((h): h is HeldInput => h !== null);
    if (this.acking === null || tracked.length === 0) {
      this.route(record);
      return;
    }
    const saved = this.emitHeld;
    this.emitHeld = tracked;
    this.route(record);
    this.emitHeld = saved;
    this.sendRoot = -1;
    this.sendList = undefined;
  }

  /** Collector.ackHeld: acks held inputs in every tree they belong to. */
  private ackHeld(held: readonly (HeldInput | null)[]): void {
    if (this.acking === null) return;
    const instance = this.current!.index;
    for (const h of held) {
      if (h === null) continue;
      for (const a of h.anchors) this.ackOrFail(a, true, h.childHi, h.childLo, instance);
    }
  }

  /** After an init, ack or fail: a settled tree is reported to its source after the ack latency. */
  private afterAckerUpdate(
    root: number,
    outcome: AckOutcome,
    instance: number,
    edge: [number, number] | null,
    childHi = this.childHi,
    childLo = this.childLo,
    failed = false,
  ): void {
    const acking = this.acking!;
    const entry = acking.acker.last;
    if (entry !== undefined) acking.trees?.value(root, entry.hi, entry.lo);
    if (this.observer !== undefined) {
      this.observer({
        type: edge === null ? 'ack-init' : failed ? 'ack-fail' : 'ack',
        time: this.clock,
        root,
        instance,
        edge: edge === null ? null : edgeHex(edge[0], edge[1]),
        children: edgeHex(childHi, childLo),
        value: entry === undefined ? null : edgeHex(entry.hi, entry.lo),
        outcome:
          outcome === AckOutcome.completed
            ? 'completed'
            : outcome === AckOutcome.failed
              ? 'failed'
              : 'pending',
      });
    }
    if (outcome !== AckOutcome.completed && outcome !== AckOutcome.failed) return;
    this.schedule(this.departure + acking.settings.ackLatency, {
      type: 'ack-notify',
      slot: entry!.spout,
      root,
      ok: outcome === AckOutcome.completed,
    });
  }

  /** Keeps the timeout tick running while trees are in flight (ticks fall on multiples of the timeout). */
  private ensureTick(): void {
    const acking = this.acking!;
    if (acking.tickScheduled) return;
    acking.tickScheduled = true;
    const t = acking.settings.timeout;
    this.schedule((Math.floor(this.clock / t) + 1) * t, { type: 'ack-tick' });
  }

  private onAckNotify(slot: number, root: number, ok: boolean): void {
    const acking = this.acking!;
    const entry = acking.notify(slot, root, ok, this.clock);
    this.observer?.({
      type: 'root-done',
      time: this.clock,
      root,
      outcome: entry ? (ok ? 'acked' : 'failed') : 'ignored',
    });
    if (entry !== undefined) this.sourceMayEmit(this.rt.sourceInstances[slot]!);
  }

  private onAckTick(): void {
    const acking = this.acking!;
    acking.tickScheduled = false;
    for (const slot of acking.tick(this.clock)) this.sourceMayEmit(this.rt.sourceInstances[slot]!);
    if (acking.busy) this.ensureTick();
  }

  /** A source's pending buffer shrank or it has replays waiting: let it read again if it can. */
  private sourceMayEmit(inst: InstanceRuntime): void {
    if (!inst.up) return;
    if (inst.parked.includes(inst.sourcePort)) {
      if (inst.fullOutputs === 0) this.unpark(inst);
    } else this.scheduleRead(inst);
  }

  // ---------------------------------------------------------------------------------------------
  // Failures and timers.

  /** Whether the next timer comes before the next port (time, then sequence number). */
  private timerDue(portTime: number, port: number): boolean {
    const timer = this.timers.peek();
    return (
      timer !== undefined &&
      (timer.time < portTime || (timer.time === portTime && timer.seq < this.heap.seq(port)))
    );
  }

  private fireTimer(until: number): boolean {
    const timer = this.timers.peek()!;
    if (timer.time > until) return false;
    if (timer.time < this.clock) throw new Error(`timer in the past: ${timer.time} < ${this.clock}`);
    this.timers.pop();
    this.clock = timer.time;
    this.fold(STEP_TIMER, -1, timer.seq, 0);
    this.fire(timer.payload);
    return true;
  }

  private fire(action: TimerAction): void {
    switch (action.type) {
      case 'failure':
        applyFailure(this, action.failure);
        this.observer?.({ type: 'failure', time: this.clock, failure: action.failure });
        break;
      case 'restart':
        restartInstance(this, this.rt.instances[action.instance]!);
        break;
      case 'ack-notify':
        this.onAckNotify(action.slot, action.root, action.ok);
        break;
      case 'ack-tick':
        this.onAckTick();
        break;
      case 'acker-restart':
        this.acking?.acker.restart(action.instance);
        break;
      case 'checkpoint-trigger':
        triggerCheckpoint(this, this.checkpointing!);
        this.scheduleCheckpoint();
        break;
      case 'job-restart':
        restartJob(this, this.checkpointing!);
        break;
    }
    if (this.checkpointing?.failoverReason != null) failover(this, this.checkpointing);
  }

  private scheduleCheckpoint(): void {
    this.schedule(this.clock + this.checkpointing!.settings.interval, { type: 'checkpoint-trigger' }, true);
  }

  // ---------------------------------------------------------------------------------------------
  // Checkpoint barriers.

  /** A barrier reached an operator or sink: when every input has delivered it, forward and acknowledge. */
  private deliverBarrier(inst: InstanceRuntime, barrier: CheckpointBarrier): void {
    const cp = this.checkpointing;
    if (cp === null || !cp.onBarrier(inst.index, barrier)) return;
    this.emitBarrier(inst, barrier);
    const now = this.clock;
    if (cp.coordinator.acknowledge(barrier.checkpointId, inst.index, {}, now) === 'completed') {
      this.observer?.({ type: 'checkpoint', time: now, id: barrier.checkpointId, event: 'completed' });
    }
  }

  /** @internal Sends a barrier on every output channel of an instance, behind what it already sent. */
  emitBarrier(inst: InstanceRuntime, barrier: CheckpointBarrier): void {
    const now = this.clock;
    for (const out of inst.outputs) {
      for (const ch of out.channels) {
        const arrival = Math.max(now + ch.latency, ch.lastArrival);
        const seq = this.seq++;
        ch.push(barrier, now, arrival, seq);
        if (ch.size === 1 && !ch.parked) this.heap.set(ch.index, Math.max(arrival, ch.target.busyUntil), seq);
        if (ch.size === ch.blockAt) inst.fullOutputs++;
      }
    }
  }

  /** Crashes an instance (see ./crash.ts); it restarts after `restartAfter` ms. */
  crash(inst: InstanceRuntime, restartAfter: number): void {
    if (!inst.up) return;
    this.fold(STEP_TIMER, inst.index, -3, 0);
    const cp = this.checkpointing;
    if (cp === null) {
      crashInstance(this, inst, restartAfter);
      return;
    }
    // With checkpointing a crash fails the whole job over; the crashed instance loses its state.
    setHealth(inst, 'crashed');
    inst.crashes++;
    inst.logic?.reset();
    cp.requestFailover(`${inst.name} crashed`);
    this.observer?.({ type: 'crash', time: this.clock, instance: inst.index });
  }

  /** Crashes an acknowledger instance: the trees it tracked are lost and will time out. */
  crashAcker(instance: number, restartAfter: number): void {
    const acking = this.acking;
    if (acking === null || instance >= acking.acker.instances || !acking.acker.isUp(instance)) return;
    this.fold(STEP_TIMER, -4, instance, 0);
    const roots = this.observer ? [...acking.acker.entries(instance).keys()] : [];
    acking.acker.crash(instance);
    this.observer?.({ type: 'acker-crash', time: this.clock, instance, roots });
    this.schedule(this.clock + restartAfter, { type: 'acker-restart', instance });
  }

  /** @internal Records the first loss of an event. */
  lose(id: number, where: string, reason: LossReason): void {
    this.observer?.({ type: 'lost', time: this.clock, id, where, reason });
    if (this.lostIds.has(id)) return;
    this.lostIds.add(id);
    this.losses.push({ id, time: this.clock, where, reason });
  }

  private traceRead(inst: InstanceRuntime, p: number, offset: number, record: StreamRecord): void {
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
    this.observer!({ type: 'process', time: this.clock, instance: inst.index, id: record.id, ok });
  }

  private traceSend(ch: Channel, record: StreamRecord, arrival: number): void {
    const departure = this.departure;
    this.observer!({ type: 'send', time: this.clock, channel: ch.index, id: record.id, departure, arrival });
  }

  /** Folds one step into the trace hash: kind, where, which element, its content, and when. */
  private fold(kind: number, where: number, id: number, content: number): void {
    this.stepCount++;
    // One word per step (time at 1/4096 ms, wrapping), folded into two lanes with different mixing.
    const x = (where << 4) ^ kind ^ Math.imul(id, 0x9e3779b1) ^ content ^ ((this.clock * 4096) | 0);
    this.h1 = Math.imul(this.h1 ^ x, 0x01000193);
    this.h2 = (Math.imul(this.h2, 31) + x) | 0;
  }
}
