import { compareSinks, engineFor, type Engine, type Scenario } from '../engine/index.ts';
import type { AccuracySummary, Frame, Speed } from '../protocol/messages.ts';
import type { PanelRequest } from '../protocol/panels.ts';
import { engineView, sampleTokens } from './frame.ts';
import { MomentLog } from './moments.ts';
import {
  atComparison,
  attachEngine,
  buildPanels,
  createRecorders,
  traceObserver,
  type Recorders,
} from './panels/index.ts';
import type { Comparison } from './panels/types.ts';
import { accuracySummary } from './summary.ts';

export type RunStatus = Frame['status'];
export type StepTo = 'event' | 'checkpoint' | 'failure';

/** Acking: the trees of this many recent roots are kept for the acknowledger panel. */
const KEEP_TREES = 200;

/** Engine steps between two looks at the real clock: a slice overshoots its budget by one chunk at most. */
const CHUNK = 256;

/** Where a step to the next checkpoint or failure stops; it may take several slices. */
export interface StepGoal {
  readonly to: 'checkpoint' | 'failure';
  /** Checkpoints ended (completed or aborted) when the step began. */
  readonly ended: number;
  /** Failovers when the step began. */
  readonly recoveries: number;
  /** When the next scripted failure fires (Infinity: none left). */
  readonly failureAt: number;
}

export interface RunTiming {
  /** Real time in ms. */
  readonly now: () => number;
  /** Real ms between two accuracy computations while running. */
  readonly accuracyEveryMs: number;
}

interface AccuracyCache {
  readonly summary: AccuracySummary;
  /** Per sink, for the panels. */
  readonly compared: Comparison;
  /** What the run looked like when it was computed. */
  readonly time: number;
  readonly steps: number;
  readonly version: number;
  /** Real time of the computation. */
  readonly computedAt: number;
  /** Real ms the comparison took (it grows with the sinks' tables). */
  readonly cost: number;
}

/**
 * While playing, the accuracy is compared again only after this many times the last comparison's
 * cost: large sink tables then cost the engine at most about a tenth of its time.
 */
const ACCURACY_COST_FACTOR = 10;

/**
 * One loaded run: the engine, its failure-free reference (same job, seed and semantics, no
 * failures; advanced lazily, only to compute the accuracy), the status the UI sees and the moments
 * noted on the way. The host calls it in time-budgeted slices: every method that runs the engine
 * takes a real-time deadline and returns when it passes.
 */
export class Run {
  readonly engine: Engine;
  private reference: Engine;
  /** What the panels need recorded from the trace, from time 0. */
  private readonly recorders: Recorders;
  readonly moments: MomentLog;
  status: RunStatus = 'paused';
  speed: Speed = 1;
  /** Set when the engine threw: the run stays as it is, for inspection, until a load or reset. */
  failure: string | null = null;
  private seq = 0;
  /** Playing at a numeric speed: virtual time = origin.virtual + speed × (real now − origin.real). */
  private origin: { virtual: number; real: number } | null = null;
  private accuracy: AccuracyCache;
  /** Bumped by what changes the run besides steps (an injected failure). */
  private version = 0;
  /** The panels the last frame was built for: they are built at each accuracy computation too. */
  private watching: PanelRequest = {};

  constructor(
    readonly scenario: Scenario,
    readonly runId: number,
    private readonly timing: RunTiming,
  ) {
    this.recorders = createRecorders(scenario);
    const trace = traceObserver(this.recorders);
    this.engine = engineFor(scenario, { keepTrees: KEEP_TREES, ...trace });
    attachEngine(this.recorders, this.engine);
    this.reference = engineFor(scenario, {}, false);
    this.moments = new MomentLog(this.engine, scenario.failures);
    this.accuracy = this.computeAccuracy();
  }

  play(speed: Speed): void {
    this.speed = speed;
    this.status = this.engine.done ? 'done' : 'running';
    this.origin = { virtual: this.engine.now, real: this.timing.now() };
  }

  pause(): void {
    this.status = this.engine.done ? 'done' : 'paused';
    this.origin = null;
  }

  /** Whether slices have something to do for this run. */
  get busy(): boolean {
    return this.failure === null && (this.status === 'running' || !this.accuracyFresh());
  }

  /**
   * Plays until `deadline` (real ms): at a numeric speed up to the virtual time the real clock says,
   * at 'max' as far as the budget goes. An engine that cannot keep up is not asked to catch up later:
   * the speed is then what it manages.
   */
  advance(deadline: number): void {
    const engine = this.engine;
    const now = this.timing.now;
    if (this.speed === 'max') {
      while (this.steps(Infinity, CHUNK) === CHUNK && now() < deadline);
    } else {
      const origin = this.origin ?? { virtual: engine.now, real: now() };
      const target = origin.virtual + this.speed * (now() - origin.real);
      for (;;) {
        if (this.steps(target, CHUNK) < CHUNK) {
          // Nothing more is due by `target`: virtual time moves on to it (not past the end).
          if (!engine.done) engine.runUntil(target);
          break;
        }
        if (now() >= deadline) {
          this.origin = { virtual: engine.now, real: now() };
          break;
        }
      }
    }
    if (engine.done) this.pause();
  }

  /** Steps once (`event`), or starts a longer step and returns where it stops. */
  beginStep(to: StepTo): StepGoal | null {
    this.pause();
    const engine = this.engine;
    const cp = engine.checkpointing;
    if (to === 'event' || (to === 'checkpoint' && cp === null)) {
      if (engine.step()) this.moments.afterStep();
      this.pause();
      return null;
    }
    let failureAt = Infinity;
    if (to === 'failure') {
      for (const t of engine.pendingTimers())
        if (t.action.type === 'failure') failureAt = Math.min(failureAt, t.time);
    }
    this.status = 'running';
    return {
      to,
      ended: cp === null ? 0 : cp.coordinator.history.length - cp.coordinator.inFlight,
      recoveries: cp?.recoveries.length ?? 0,
      failureAt,
    };
  }

  /** Carries a step on until `deadline`; true when it is over (reached, or nothing left to do). */
  continueStep(goal: StepGoal, deadline: number): boolean {
    const engine = this.engine;
    const cp = engine.checkpointing;
    for (;;) {
      for (let n = 0; n < CHUNK; n++) {
        if (!engine.step()) return this.stepOver();
        this.moments.afterStep();
        const reached =
          goal.to === 'checkpoint'
            ? cp!.coordinator.history.length - cp!.coordinator.inFlight > goal.ended
            : // Scripted failures fire before anything else due at their time, so the first step
              // that reaches it is the failure.
              engine.now >= goal.failureAt || (cp?.recoveries.length ?? 0) > goal.recoveries;
        if (reached) return this.stepOver();
      }
      if (this.timing.now() >= deadline) return false;
    }
  }

  private stepOver(): true {
    this.pause();
    return true;
  }

  inject(failure: Parameters<Engine['inject']>[0]): void {
    this.engine.inject(failure);
    this.version++;
    this.moments.noteInjected(failure);
    if (this.status === 'done' && !this.engine.done) this.status = 'paused';
  }

  fail(message: string): void {
    this.failure = message;
    this.status = this.engine.done ? 'done' : 'paused';
    this.origin = null;
  }

  /** The panels the UI watches: what accuracy computations build for them (frames are built for them too). */
  watch(panels: PanelRequest): void {
    this.watching = panels;
  }

  /** Whether the accuracy should be recomputed now: it is stale, and the run is not playing or was not compared lately. */
  accuracyDue(): boolean {
    if (this.accuracyFresh()) return false;
    const { computedAt, cost } = this.accuracy;
    const every = Math.max(this.timing.accuracyEveryMs, ACCURACY_COST_FACTOR * cost);
    return this.status !== 'running' || this.timing.now() - computedAt >= every;
  }

  /**
   * Advances the reference to the run's virtual time (to its end once the run is done, as
   * runScenario compares them) and then compares their sinks. False when the budget ran out first;
   * the run itself waits meanwhile, so that both stand at the same time when compared.
   */
  catchUpAccuracy(deadline: number): boolean {
    const target = this.engine.done ? Infinity : this.engine.now;
    // A failure injected after the end revived the run: the reference went past it, start it over.
    if (this.reference.now > target) this.reference = engineFor(this.scenario, {}, false);
    while (this.reference.runUntil(target, CHUNK) === CHUNK) {
      if (this.timing.now() >= deadline) return false;
    }
    this.accuracy = this.computeAccuracy();
    return true;
  }

  private accuracyFresh(): boolean {
    const a = this.accuracy;
    const engine = this.engine;
    return a.steps === engine.steps && a.time === engine.now && a.version === this.version;
  }

  private computeAccuracy(): AccuracyCache {
    const start = this.timing.now();
    const { total, sinks } = compareSinks(this.engine, this.reference);
    const compared: Comparison = { time: this.engine.now, steps: this.engine.steps, sinks };
    // Both runs stand at the same time only now: panels that compare them row by row do it here
    // (its cost counts in the comparison's, which paces the next one).
    atComparison(this.panelSource(compared, true), this.recorders, this.watching);
    const computedAt = this.timing.now();
    const summary = accuracySummary(total);
    // Accuracy over time, for the metrics panel (bounded: the latest per bucket of virtual time).
    this.recorders.metrics.noteAccuracy(this.engine.now, summary);
    return {
      summary,
      compared,
      time: this.engine.now,
      steps: this.engine.steps,
      version: this.version,
      computedAt,
      cost: computedAt - start,
    };
  }

  /** Everything the run view draws now, with the views of the panels watched. */
  frame(watch: PanelRequest = {}): Frame {
    this.watching = watch;
    const engine = this.engine;
    const cp = engine.checkpointing;
    return {
      seq: this.seq++,
      runId: this.runId,
      time: engine.now,
      status: this.status,
      speed: this.speed,
      semantics: engine.options.semantics,
      ackMode: engine.options.ackMode ?? 'acking',
      seed: engine.options.seed,
      steps: engine.steps,
      traceHash: engine.traceHash(),
      ...engineView(engine),
      tokens: sampleTokens(engine),
      accuracy: this.accuracy.summary,
      accuracyTime: this.accuracy.time,
      lost: engine.losses.length,
      replayed: engine.replays.length,
      job: cp?.state ?? 'running',
      lastCheckpoint: cp?.coordinator.latest()?.id ?? null,
      moments: this.moments.list(),
      panels: buildPanels(
        this.panelSource(this.accuracy.compared, this.accuracyFresh()),
        this.recorders,
        watch,
      ),
    };
  }

  private panelSource(compared: Comparison, atComparison: boolean) {
    return {
      scenario: this.scenario,
      engine: this.engine,
      reference: this.reference,
      compared,
      atComparison,
    };
  }

  /** Steps due by `until`, at most `max`; notes the moments on the way. Returns the steps taken. */
  private steps(until: number, max: number): number {
    const engine = this.engine;
    let n = 0;
    while (n < max && engine.step(until)) {
      n++;
      this.moments.afterStep();
    }
    return n;
  }
}
