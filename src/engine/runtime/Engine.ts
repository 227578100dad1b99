import { failover } from '../checkpoint/recovery.ts';
import { traceHex } from '../core/hash.ts';
import { applyFailure } from '../faults/applyFailure.ts';
import type { EngineSnapshot } from '../model/snapshot.ts';
import type { FailureAction, JobSpec } from '../model/types.ts';
import type { SinkRow } from '../operators/sinks.ts';
import { crashInstance, setHealth } from './crash.ts';
import { Dataflow, STEP_CONTROL, type EngineOptions } from './Dataflow.ts';
import type { ComponentRuntime, InstanceRuntime } from './Instance.ts';
import { instanceTime, takeSnapshot } from './snapshot.ts';
import { WindowOperator } from '../operators/window/WindowOperator.ts';
import { fireTimer, type TimerAction } from './timers.ts';

export type { TimerAction } from './timers.ts';

/** Event time at one instance (see {@link Engine.eventTimeOf}). */
export interface InstanceTime {
  readonly index: number;
  readonly name: string;
  readonly watermark: number | null;
  readonly idle: boolean;
  readonly streamTime: number | null;
  readonly lateDropped: number;
}

/** A window a window operator keeps (see {@link Engine.windowsOf}): its count so far, panes emitted, whether the clock passed its end. */
export interface KeptWindow {
  readonly instance: number;
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly panes: number;
  readonly passed: boolean;
}
export { STEP_CONTROL, STEP_NOTICE, type EngineOptions } from './Dataflow.ts';

/**
 * The stream engine: a deterministic discrete-event simulation of a streaming job.
 *
 * Time is virtual (ms). Every instance processes one element at a time for its service time; every
 * pair of connected instances has a FIFO channel with a capacity and a latency. The scheduler orders
 * its ports — channel heads, source reads, the acker's notices to sources — and its timers by
 * (time, sequence number), so a run is fully determined by the job, the seed and the failure script.
 *
 * Delivery semantics: at-most-once tracks nothing; at-least-once by acking tracks every source
 * event's tree with Storm's acker and replays what fails or times out (../ack); at-least-once by
 * checkpointing rewinds the sources to the last completed checkpoint after a failure; exactly-once
 * aligns checkpoint barriers, snapshots every task's state and restores all of it after a failure,
 * while transactional sinks commit once per completed checkpoint (../checkpoint).
 */
export class Engine extends Dataflow {
  constructor(job: JobSpec, options: EngineOptions) {
    super(job, options);
    // Failures first: a failure scripted at time t is in effect for everything that happens at t.
    for (const f of options.failures ?? []) this.schedule(f.at, { type: 'failure', failure: f });
    for (const inst of this.rt.sourceInstances) {
      this.scheduleRead(inst);
      const sw = inst.sourceWatermarks;
      if (sw !== null) this.schedule(sw.interval, { type: 'watermark-emit', instance: inst.index }, true);
    }
    if (this.checkpointing) this.scheduleCheckpoint(this.checkpointing.settings.interval);
  }

  /** Scheduler steps taken so far. */
  get steps(): number {
    return this.stepCount;
  }

  /**
   * True when nothing is left to do: all input read, every channel empty, no timer pending but
   * periodic ones (checkpoint triggers) — and no transactional sink waiting for a checkpoint to
   * commit what it holds.
   */
  get done(): boolean {
    return this.heap.size === 0 && this.timers.liveCount === 0 && !this.awaitsCommit();
  }

  /** Hash of every step taken so far: equal hashes mean identical runs. */
  traceHash(): string {
    return traceHex(this.h1, this.h2);
  }

  /**
   * Takes one step that does something (reads, processes or discards an element, delivers a notice
   * or fires a timer), if one is due at or before `until`. Returns false when there is none.
   */
  step(until = Infinity): boolean {
    const heap = this.heap;
    const channels = this.rt.channels.length;
    for (;;) {
      const port = heap.top();
      const portTime = port >= 0 ? heap.time(port) : Infinity;
      const timer = this.timers.peek();
      if (
        timer !== undefined &&
        (timer.time < portTime || (timer.time === portTime && timer.seq < heap.seq(port)))
      ) {
        // Only periodic timers left and nothing in flight: the run is over (once sinks committed).
        if (port < 0 && this.timers.liveCount === 0 && !this.awaitsCommit()) return false;
        return this.fireNextTimer(until);
      }
      if (port < 0 || portTime > until) return false;
      if (portTime < this.clock) throw new Error(`scheduler went back in time: ${portTime} < ${this.clock}`);
      this.clock = portTime;
      const progressed =
        port < channels
          ? this.deliver(port)
          : port < this.noticeBase
            ? this.read(port)
            : this.ackNotices!.deliver(this, port);
      if (progressed) {
        if (this.checkpointing?.failoverReason != null) failover(this, this.checkpointing);
        return true;
      }
    }
  }

  /**
   * After the input is done, a job with transactional sinks keeps checkpointing until what they
   * hold is committed (Flink's final checkpoint at the end of input).
   */
  private awaitsCommit(): boolean {
    return this.checkpointing !== null && this.checkpointing.awaitsCommit;
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
    this.fold(STEP_CONTROL, -2, this.seq++, 0);
    applyFailure(this, failure);
    this.observer?.({ type: 'failure', time: this.clock, failure });
    if (this.checkpointing?.failoverReason != null) failover(this, this.checkpointing);
  }

  /** Pending timers in firing order (scripted failures, restarts). */
  pendingTimers(): { time: number; action: TimerAction }[] {
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

  /**
   * Event time at one component, per instance, as the snapshot shows it: the watermark (null: none
   * yet), idleness, the stream time (null: not on that clock, or none yet), late records dropped.
   */
  eventTimeOf(componentId: string): InstanceTime[] {
    return this.component(componentId).instances.map((inst) => ({
      index: inst.index,
      name: inst.name,
      ...instanceTime(inst),
      lateDropped: inst.logic?.lateDropped?.() ?? 0,
    }));
  }

  /** The windows a window operator keeps now, per instance (empty for other components). */
  windowsOf(componentId: string): KeptWindow[] {
    const out: KeptWindow[] = [];
    for (const inst of this.component(componentId).instances) {
      if (!(inst.logic instanceof WindowOperator)) continue;
      for (const w of inst.logic.openWindows()) out.push({ instance: inst.index, ...w });
    }
    return out;
  }

  private component(componentId: string): ComponentRuntime {
    const comp = this.rt.components.find((c) => c.id === componentId);
    if (!comp) throw new Error(`no component "${componentId}"`);
    return comp;
  }

  /** Times processed and times delivered of one event at one component. */
  eventCounts(componentId: string, id: number): { processed: number; delivered: number } {
    const comp = this.rt.components.find((c) => c.id === componentId);
    if (!comp) throw new Error(`no component "${componentId}"`);
    return { processed: comp.perEvent.timesProcessed(id), delivered: comp.perEvent.timesDelivered(id) };
  }

  // ---------------------------------------------------------------------------------------------
  // Timers and failures.

  private fireNextTimer(until: number): boolean {
    const timer = this.timers.peek()!;
    if (timer.time > until) return false;
    if (timer.time < this.clock) throw new Error(`timer in the past: ${timer.time} < ${this.clock}`);
    this.timers.pop();
    this.clock = timer.time;
    this.fold(STEP_CONTROL, -1, timer.seq, 0);
    fireTimer(this, timer.payload);
    if (this.checkpointing?.failoverReason != null) failover(this, this.checkpointing);
    return true;
  }

  /** Crashes an instance (see ./crash.ts); it restarts after `restartAfter` ms. */
  crash(inst: InstanceRuntime, restartAfter: number): void {
    if (!inst.up) return;
    this.fold(STEP_CONTROL, inst.index, -3, 0);
    const keys = inst.logic?.stateKeys?.();
    this.crashes.push({
      time: this.clock,
      where: inst.name,
      component: inst.component.id,
      stateEntries: inst.logic?.stateSize() ?? 0,
      ...(keys === undefined ? {} : { stateKeys: keys }),
    });
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
    const acker = this.acking?.acker;
    if (acker === undefined || instance >= acker.instances || !acker.isUp(instance)) return;
    this.fold(STEP_CONTROL, -4, instance, 0);
    const roots = acker.crash(instance);
    this.observer?.({ type: 'acker-crash', time: this.clock, instance, roots });
    this.schedule(this.clock + restartAfter, { type: 'acker-restart', instance });
  }
}
