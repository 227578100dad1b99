import { KeyTable } from '../core/KeyTable.ts';
import { PortHeap } from '../core/PortHeap.ts';
import { hashNumber, traceHex } from '../core/hash.ts';
import { Rng, RngStream } from '../core/rng.ts';
import { TimerQueue } from '../core/TimerQueue.ts';
import { extraDelay, hits, slowFactor, type FaultWindow } from '../faults/FaultWindow.ts';
import { applyFailure } from '../faults/applyFailure.ts';
import { planJob, type Plan } from '../graph/plan.ts';
import type { StreamRecord } from '../model/elements.ts';
import type { EngineSnapshot, Health } from '../model/snapshot.ts';
import type { LossReason, LossRecord, TraceObserver } from '../model/trace.ts';
import type { FailureAction, JobSpec, ScheduledFailure, Semantics } from '../model/types.ts';
import { type Collector, FAILED } from '../operators/Operator.ts';
import type { SinkRow } from '../operators/sinks.ts';
import { buildRuntime, type Runtime } from './build.ts';
import type { Channel } from './Channel.ts';
import { Field, Route, type InstanceRuntime } from './Instance.ts';
import { takeSnapshot } from './snapshot.ts';

/** How to run a job. */
export interface EngineOptions {
  /** Seeds generated input and every random choice (failure probabilities). */
  readonly seed: number;
  readonly semantics: Semantics;
  /** Virtual ms during which generators append input. */
  readonly runFor: number;
  /** Failures to inject at their virtual times. */
  readonly failures?: readonly ScheduledFailure[];
  /** Receives every step (for animation and tests); omit it for speed. */
  readonly observer?: TraceObserver;
}

/** What a timer does when it fires. */
export type TimerAction =
  | { readonly type: 'failure'; readonly failure: FailureAction }
  | { readonly type: 'restart'; readonly instance: number };

const STEP_READ = 1;
const STEP_DELIVER = 2;
const STEP_DISCARD = 3;
const STEP_TIMER = 4;

/**
 * The stream engine: a deterministic discrete-event simulation of a streaming job.
 *
 * Time is virtual (ms). Every instance processes one element at a time for its service time; every
 * pair of connected instances has a FIFO channel with a capacity and a latency. The scheduler is a
 * heap over channel heads and source reads, ordered by (time, sequence number), so a run is fully
 * determined by the job, the seed and the failure script.
 *
 * At-most-once: nothing is tracked and nothing is replayed; a failure loses what it hits.
 */
export class Engine {
  readonly job: JobSpec;
  readonly plan: Plan;
  readonly options: EngineOptions;
  readonly rt: Runtime;
  /** Every key string seen, as dense ids (keyed state is indexed by them). */
  readonly keys = new KeyTable();

  private clock = 0;
  private seq = 0;
  private stepCount = 0;
  private readonly heap: PortHeap;
  private readonly timers = new TimerQueue<TimerAction>();
  /** The trace hash's two lanes (see {@link Engine.traceHash}). */
  private h1 = 0x811c9dc5;
  private h2 = 0x1b873593;
  private readonly observer: TraceObserver | undefined;
  /** Random draws for failures only, so other features never shift them. */
  readonly failureRng: Rng;
  /** Store id → outage windows. */
  readonly storeOutages = new Map<string, FaultWindow[]>();
  /** The first loss of each lost event, in order. */
  readonly losses: LossRecord[] = [];
  private readonly lostIds = new Set<number>();

  /** The instance whose logic is running, and when its outputs leave. */
  private current: InstanceRuntime | null = null;
  private departure = 0;
  private readonly collector: Collector;

  constructor(job: JobSpec, options: EngineOptions) {
    this.job = job;
    this.options = options;
    this.plan = planJob(job);
    this.rt = buildRuntime(job, this.plan, options.seed, options.runFor, this.keys);
    this.observer = options.observer;
    this.failureRng = new Rng(options.seed, RngStream.failures);
    this.heap = new PortHeap(this.rt.channels.length + this.rt.sourceInstances.length);
    const engine = this;
    this.collector = {
      emit: (record) => engine.route(record),
      get now() {
        return engine.clock;
      },
      isStoreDown: (store) => engine.isStoreDown(store),
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

  /** True when nothing is left to do: all input read, every channel empty, no timer pending. */
  get done(): boolean {
    return this.heap.size === 0 && this.timers.peek() === undefined;
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
      if (this.timers.size > 0 && this.timerDue(portTime, port)) return this.fireTimer(until);
      if (port < 0 || portTime > until) return false;
      if (portTime < this.clock) throw new Error(`scheduler went back in time: ${portTime} < ${this.clock}`);
      this.clock = portTime;
      if (port < channelCount ? this.deliver(port) : this.read(port)) return true;
    }
  }

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

  /** Schedules a timer. */
  schedule(time: number, action: TimerAction) {
    return this.timers.add(time, this.seq++, action);
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
    ch.received++;
    this.fold(STEP_DELIVER, inst.index, el.id, el.keyId ^ el.value);
    this.process(inst, el);
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
    this.fold(STEP_DISCARD, ch.index, el.id, 0);
    ch.lost++;
    inst.lost++;
    this.lose(el.id, inst.name, 'instance-down');
    this.rekeyChannel(ch, this.clock);
    return true;
  }

  /** A source instance reads its next record from its log. */
  private read(port: number): boolean {
    const inst = this.rt.sourceInstances[port - this.rt.channels.length]!;
    if (inst.busyUntil > this.clock) {
      this.heap.set(port, inst.busyUntil, this.heap.seq(port));
      return false;
    }
    if (inst.fullOutputs > 0) {
      this.park(inst, port);
      return false;
    }
    this.heap.remove(port);
    const reader = inst.reader!;
    const p = reader.nextPartition();
    const offset = reader.positions[p]!;
    const record = reader.read(p);
    this.fold(STEP_READ, inst.index, record.id, record.keyId ^ record.value);
    if (this.observer !== undefined) this.traceRead(inst, p, offset, record);
    this.process(inst, record);
    this.scheduleRead(inst);
    return true;
  }

  /** Runs an instance's logic on one record (sources: emits what they read). */
  private process(inst: InstanceRuntime, record: StreamRecord): void {
    const comp = inst.component;
    const now = this.clock;
    const faulty = now < comp.faultyUntil;
    const cost = faulty ? comp.cost * slowFactor(comp.slowWindows, now, inst.sub) : comp.cost;
    this.departure = now + cost;
    inst.busyUntil = now + cost;
    inst.processed++;
    comp.perEvent.processed(record.id);
    if (faulty && hits(comp.failWindows, now, inst.sub, this.failureRng)) {
      this.failed(inst, record);
      return;
    }
    this.current = inst;
    const logic = inst.logic;
    if (logic !== null) {
      const emitted = inst.emitted;
      const result = logic.process(record, this.collector);
      if (result === FAILED) {
        this.failed(inst, record);
        return;
      }
      if (result !== null) this.route(result);
      else if (inst.emitted === emitted) inst.earlyOut++;
    } else if (comp.table !== null) {
      // Sinks write to their external table.
      comp.table.write(record, now);
    } else {
      // Sources emit what they read.
      this.route(record);
    }
    if (this.observer !== undefined) this.traceProcess(inst, record, true);
  }

  private failed(inst: InstanceRuntime, record: StreamRecord): void {
    inst.failed++;
    inst.component.perEvent.failed(record.id);
    // At-most-once: a failed event is simply gone.
    this.lose(record.id, inst.name, 'processing-failed');
    if (this.observer !== undefined) this.traceProcess(inst, record, false);
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

  private dropOn(ch: Channel, record: StreamRecord, reason: 'fault' | 'overflow'): void {
    ch.dropped++;
    this.lose(record.id, this.channelName(ch), 'dropped');
    this.observer?.({ type: 'drop', time: this.clock, channel: ch.index, id: record.id, reason });
  }

  /** Removes a channel's head; a channel that stops being full unblocks its sender. */
  private take(ch: Channel): StreamRecord {
    const wasFull = ch.size === ch.blockAt;
    const el = ch.shift();
    if (wasFull) this.unblockOne(ch.sender);
    return el;
  }

  private rekeyChannel(ch: Channel, notBefore: number): void {
    if (ch.size === 0) {
      this.heap.remove(ch.index);
      return;
    }
    const t = ch.headTime();
    this.heap.set(ch.index, t > notBefore ? t : notBefore, ch.headSeq());
  }

  /** Puts a source instance's next read on the scheduler (or takes it off at the end of input). */
  scheduleRead(inst: InstanceRuntime): void {
    const next = inst.reader!.nextAvailableAt();
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

  /** One of the instance's full output channels has room again. */
  unblockOne(inst: InstanceRuntime): void {
    if (--inst.fullOutputs > 0) return;
    if (inst.blockedSince >= 0) {
      inst.blockedTime += this.clock - inst.blockedSince;
      inst.blockedSince = -1;
    }
    const now = this.clock;
    for (const port of inst.parked) {
      if (port === inst.sourcePort) {
        this.scheduleRead(inst);
        continue;
      }
      const ch = this.rt.channels[port]!;
      ch.parked = false;
      if (ch.size > 0) this.rekeyChannel(ch, now > inst.busyUntil ? now : inst.busyUntil);
    }
    inst.parked.length = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Failures and timers.

  private fire(action: TimerAction): void {
    switch (action.type) {
      case 'failure':
        applyFailure(this, action.failure);
        this.observer?.({ type: 'failure', time: this.clock, failure: action.failure });
        break;
      case 'restart':
        this.restart(this.rt.instances[action.instance]!);
        break;
    }
  }

  /**
   * Crashes an instance: its in-memory state, its queued input and the output it had not sent yet
   * are lost. It restarts after `restartAfter` ms with empty state.
   */
  crash(inst: InstanceRuntime, restartAfter: number): void {
    if (!inst.up) return;
    const now = this.clock;
    this.setHealth(inst, 'crashed');
    inst.crashes++;
    this.fold(STEP_TIMER, inst.index, -3, 0);
    for (const ch of inst.inputs) {
      const wasFull = ch.size >= ch.blockAt;
      for (const el of ch.drain()) {
        ch.lost++;
        inst.lost++;
        this.lose(el.id, inst.name, 'crashed-queued');
      }
      this.heap.remove(ch.index);
      ch.parked = false;
      if (wasFull) this.unblockOne(ch.sender);
    }
    inst.parked.length = 0;
    for (const out of inst.outputs) {
      for (const ch of out.channels) {
        const wasFull = ch.size >= ch.blockAt;
        while (ch.size > 0 && ch.tailDeparture()! > now) {
          const el = ch.popTail();
          ch.lost++;
          inst.lost++;
          this.lose(el.id, inst.name, 'crashed-in-flight');
        }
        if (ch.size === 0) this.heap.remove(ch.index);
        if (wasFull && ch.size < ch.blockAt) inst.fullOutputs--;
      }
    }
    if (inst.fullOutputs <= 0) {
      inst.fullOutputs = 0;
      inst.blockedSince = -1;
    }
    inst.logic?.reset();
    inst.busyUntil = now;
    if (inst.reader) this.heap.remove(inst.sourcePort);
    this.schedule(now + restartAfter, { type: 'restart', instance: inst.index });
    this.observer?.({ type: 'crash', time: now, instance: inst.index });
  }

  private restart(inst: InstanceRuntime): void {
    if (inst.up) return;
    this.setHealth(inst, 'running');
    inst.busyUntil = this.clock;
    if (inst.reader) this.scheduleRead(inst);
    this.observer?.({ type: 'restart', time: this.clock, instance: inst.index });
  }

  private setHealth(inst: InstanceRuntime, health: Health): void {
    inst.health = health;
    inst.up = health === 'running';
  }

  private lose(id: number, where: string, reason: LossReason): void {
    this.observer?.({ type: 'lost', time: this.clock, id, where, reason });
    if (this.lostIds.has(id)) return;
    this.lostIds.add(id);
    this.losses.push({ id, time: this.clock, where, reason });
  }

  channelName(ch: Channel): string {
    return `${ch.sender.name} → ${ch.target.name}`;
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
