import type { EngineSnapshot } from '../model/snapshot.ts';
import type { AckerStats } from '../ack/Acking.ts';
import type { CheckpointRecord } from '../checkpoint/CheckpointCoordinator.ts';
import type { RecoveryRecord } from '../checkpoint/Checkpointing.ts';
import type { LossRecord, ReplayRecord, TraceEvent, TraceObserver } from '../model/trace.ts';
import type { AckMode, Scenario, Semantics } from '../model/types.ts';
import type { SinkRow } from '../operators/sinks.ts';
import { TransactionalTable, type TxnSummary } from '../operators/TransactionalTable.ts';
import { Engine } from '../runtime/Engine.ts';
import { compareSinks } from './compare.ts';
import type { Accuracy } from './diff.ts';

export interface RunOptions {
  readonly seed?: number;
  readonly semantics?: Semantics;
  readonly ackMode?: AckMode;
  /** Stop at this virtual time instead of running to completion. */
  readonly until?: number;
  /** Receives every step of the run (not of its failure-free reference): the playground records what its panels show. */
  readonly observer?: TraceObserver;
  /** The trace event types the observer wants (default: all; see EngineOptions.observed). */
  readonly observed?: ReadonlySet<TraceEvent['type']>;
  /** Acking: keep the trees of this many recent roots (the acknowledger panel). */
  readonly keepTrees?: number;
}

/** Everything a headless run reports. */
export interface RunResult {
  readonly scenario: string;
  readonly semantics: Semantics;
  readonly seed: number;
  readonly virtualTimeMs: number;
  readonly done: boolean;
  readonly traceHash: string;
  readonly snapshot: EngineSnapshot;
  readonly sinks: Record<string, SinkRow[]>;
  /** Against the failure-free run of the same job and seed, at the same virtual time. */
  readonly accuracy: Accuracy;
  readonly sinkAccuracy: Record<string, Accuracy>;
  readonly losses: readonly LossRecord[];
  /** Every re-emission of an event by a source (at-least-once, exactly-once). */
  readonly replays: readonly ReplayRecord[];
  /** How at-least-once was achieved (meaningful only for at-least-once). */
  readonly ackMode: AckMode;
  /** Acking: the acknowledger's counters; null when the run did not use acking. */
  readonly acker: AckerStats | null;
  /** Checkpointing: every checkpoint triggered; empty when the run did not checkpoint. */
  readonly checkpoints: readonly CheckpointRecord[];
  /** Checkpointing: every failover of the job. */
  readonly recoveries: readonly RecoveryRecord[];
  /** Transactional sinks, by id: committed and uncommitted rows, committed and aborted transactions. */
  readonly transactions: Record<string, TxnSummary>;
  /** Per component: how many distinct events it processed, and the most times one event was processed or delivered. */
  readonly perEvent: Record<string, PerEventSummary>;
}

/** The book's per-event counters, summarised per component. */
export interface PerEventSummary {
  /** Distinct events processed at least once. */
  readonly events: number;
  /** The largest times processed of any event. */
  readonly maxProcessed: number;
  /** The largest times delivered of any event. */
  readonly maxDelivered: number;
  /** Events delivered more than once (duplicates inside the job). */
  readonly deliveredMoreThanOnce: number;
}

/** Creates the engine for a scenario (optionally without its failures: the reference run). */
export function engineFor(scenario: Scenario, options: RunOptions = {}, withFailures = true): Engine {
  return new Engine(scenario.job, {
    seed: options.seed ?? scenario.seed,
    semantics: options.semantics ?? scenario.semantics,
    ackMode: options.ackMode ?? scenario.ackMode,
    acking: scenario.acking,
    checkpointing: scenario.checkpointing,
    runFor: scenario.runFor,
    failures: withFailures ? scenario.failures : [],
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.observed ? { observed: options.observed } : {}),
    ...(options.keepTrees ? { keepTrees: options.keepTrees } : {}),
  });
}

/**
 * Runs a scenario and, beside it, the failure-free reference run of the same job and seed; the
 * accuracy compares their sinks at the same virtual time (at the end, when both ran to completion).
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const run = engineFor(scenario, options);
  const reference = engineFor(
    scenario,
    { ...options, observer: undefined, observed: undefined, keepTrees: undefined },
    false,
  );
  if (options.until === undefined) {
    run.runToCompletion();
    reference.runToCompletion();
  } else {
    run.runUntil(options.until);
    reference.runUntil(options.until);
  }
  const { total, sinks } = compareSinks(run, reference);
  const rows: Record<string, SinkRow[]> = {};
  const transactions: Record<string, TxnSummary> = {};
  for (const comp of run.rt.components) {
    if (comp.table) rows[comp.id] = comp.table.rows();
    if (comp.table instanceof TransactionalTable) transactions[comp.id] = comp.table.summary();
  }
  return {
    scenario: scenario.title,
    semantics: run.options.semantics,
    seed: run.options.seed,
    virtualTimeMs: run.now,
    done: run.done,
    traceHash: run.traceHash(),
    snapshot: run.snapshot(),
    sinks: rows,
    accuracy: total,
    sinkAccuracy: sinks,
    losses: run.losses,
    replays: run.replays,
    ackMode: run.options.ackMode!,
    acker: run.acking?.snapshotStats() ?? null,
    checkpoints: run.checkpointing?.coordinator.history ?? [],
    recoveries: run.checkpointing?.recoveries ?? [],
    transactions,
    perEvent: Object.fromEntries(run.rt.components.map((c) => [c.id, c.perEvent.summary()])),
  };
}
