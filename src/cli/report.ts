import type {
  AckMode,
  AckerStats,
  Accuracy,
  RecoveryRecord,
  ReplayRecord,
  ComponentKind,
  Counters,
  LossReason,
  LossRecord,
  PerEventSummary,
  Role,
  RunResult,
  Semantics,
  SinkRow,
  TxnSummary,
} from '../engine/index.ts';

/**
 * The machine-readable result of `npm run sim -- … --json`: one plain object, built from a
 * RunResult. This is a contract (docs/cli.md): later features ADD fields, none is renamed or
 * removed, so scripts and tests written against it keep working.
 */
export interface SimReport {
  /** The scenario's title. */
  readonly scenario: string;
  /** The scenario file, as given on the command line. */
  readonly file: string;
  readonly semantics: Semantics;
  readonly seed: number;
  readonly virtualTimeMs: number;
  /** True when the run finished (all input read, nothing in flight); false when stopped by --until. */
  readonly done: boolean;
  readonly traceHash: string;
  /** Scheduler steps taken. */
  readonly steps: number;
  /** By component id, in the job's order. */
  readonly components: Record<string, ComponentReport>;
  /** By sink id: the rows of its table (append: in write order; upsert: by key). */
  readonly sinks: Record<string, SinkRow[]>;
  readonly accuracy: AccuracyReport;
  readonly losses: LossReport;
  /** At-least-once: `acking` (Storm's acknowledger) or `checkpoint` (checkpointed source offsets). */
  readonly ackMode: AckMode;
  /** Acking: the acknowledger's counters; null when the run did not use acking. */
  readonly acker: AckerStats | null;
  /** Events re-emitted by their source (at-least-once, exactly-once). */
  readonly replays: ReplayReport;
  /** Checkpointing: every checkpoint triggered, in order (empty without checkpointing). */
  readonly checkpoints: CheckpointReport[];
  /** Checkpointing: every failover of the job, in order (`restartedAt` null: the job failed for good). */
  readonly recoveries: RecoveryRecord[];
  /** Transactional sinks, by id: committed and uncommitted rows and transactions (`sinks` shows the committed rows). */
  readonly transactions: Record<string, TxnSummary>;
}

export interface ReplayReport {
  /** Re-emissions (an event replayed twice counts twice). */
  readonly total: number;
  /** The first replays, in order. */
  readonly first: ReplayRecord[];
}

export interface CheckpointReport {
  readonly id: number;
  readonly triggeredAt: number;
  /** null when it did not complete (see `failure`). */
  readonly completedAt: number | null;
  /** Why it did not complete; null when it did (or is still in progress at the end). */
  readonly failure: string | null;
  /** The longest time any task spent aligning it (first barrier to last), in ms. */
  readonly alignmentMs: number;
  /** Entries saved by every task that acknowledged it (offsets, keys, ids, transactions). */
  readonly stateSize: number;
}

export interface ComponentReport extends Counters {
  /** Event time: the smallest watermark of its instances at the end (null: none yet; "Infinity": the final one). */
  readonly watermark: JsonTime;
  /** Event time on the stream-time clock: the largest stream time of its instances (null: not on that clock). */
  readonly streamTime: number | null;
  readonly kind: ComponentKind;
  readonly role: Role;
  readonly parallelism: number;
  readonly perEvent: PerEventSummary;
}

/** Totals over every sink, and each sink's own. */
export interface AccuracyReport extends Accuracy {
  readonly sinks: Record<string, Accuracy>;
}

export interface LossReport {
  /** Events lost (each counted once, where it was first lost). */
  readonly total: number;
  /** Of those, events their source replayed afterwards (at-least-once and exactly-once recover them). */
  readonly replayed: number;
  /** Lost events per reason, most frequent first. */
  readonly byReason: Partial<Record<LossReason, number>>;
  /** Lost events per place (an instance such as `analyzer#1`, or a channel `a#0 → b#1`), most frequent first. */
  readonly byWhere: Record<string, number>;
  /** The first losses, in the order they happened. */
  readonly first: LossRecord[];
}

/** How many loss records the report lists one by one. */
export const FIRST_LOSSES = 20;

/** Builds the report of one run. Pure: the same result gives the same report, key order included. */
export function buildReport(file: string, result: RunResult): SimReport {
  const { snapshot } = result;
  const components: Record<string, ComponentReport> = {};
  for (const c of snapshot.components) {
    components[c.id] = {
      kind: c.kind,
      role: c.role,
      parallelism: c.parallelism,
      received: c.received,
      processed: c.processed,
      delivered: c.delivered,
      failed: c.failed,
      emitted: c.emitted,
      earlyOut: c.earlyOut,
      lost: c.lost,
      dropped: c.dropped,
      queued: c.queued,
      lateDropped: c.lateDropped,
      watermark: jsonTime(c.watermark),
      streamTime: c.streamTime,
      perEvent: { ...result.perEvent[c.id]! },
    };
  }
  return {
    scenario: result.scenario,
    file,
    semantics: result.semantics,
    seed: result.seed,
    virtualTimeMs: result.virtualTimeMs,
    done: result.done,
    traceHash: result.traceHash,
    steps: snapshot.steps,
    components,
    sinks: Object.fromEntries(Object.entries(result.sinks).map(([id, rows]) => [id, rows.map(jsonRow)])),
    accuracy: { ...result.accuracy, sinks: result.sinkAccuracy },
    losses: {
      total: result.losses.length,
      replayed: replayedAfterLoss(result),
      byReason: tally(result.losses.map((l) => l.reason)),
      byWhere: tally(result.losses.map((l) => l.where)),
      first: result.losses.slice(0, FIRST_LOSSES).map((l) => ({ ...l })),
    },
    ackMode: result.ackMode,
    acker:
      result.acker === null
        ? null
        : { ...result.acker, completeLatency: { ...result.acker.completeLatency } },
    replays: {
      total: result.replays.length,
      first: result.replays.slice(0, FIRST_LOSSES).map((r) => ({ ...r })),
    },
    checkpoints: result.checkpoints.map((c) => ({
      id: c.id,
      triggeredAt: c.triggeredAt,
      completedAt: c.completedAt ?? null,
      failure: c.failure ?? null,
      alignmentMs: c.alignmentMs,
      stateSize: c.stateSize,
    })),
    recoveries: result.recoveries.map((r) => ({ ...r })),
    transactions: Object.fromEntries(Object.entries(result.transactions).map(([id, t]) => [id, { ...t }])),
  };
}

/** Lost events that their source re-emitted after the loss. */
function replayedAfterLoss(result: RunResult): number {
  const lastReplay = new Map<number, number>();
  for (const r of result.replays) lastReplay.set(r.id, r.time);
  return result.losses.filter((l) => (lastReplay.get(l.id) ?? -1) >= l.time).length;
}

/** Counts occurrences; most frequent first, ties by name, so the key order is deterministic. */
function tally<K extends string>(items: readonly K[]): Record<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  const sorted = [...counts].sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(sorted) as Record<K, number>;
}

/** A time in JSON: a number, "Infinity" or "-Infinity" (the final watermark, the global window), or null (none). */
export type JsonTime = number | 'Infinity' | '-Infinity' | null;

function jsonTime(t: number | null): JsonTime {
  if (t === null) return null;
  if (t === Infinity) return 'Infinity';
  if (t === -Infinity) return '-Infinity';
  return t;
}

/** A sink row for JSON: a pane's infinite times spelled out (JSON has no Infinity). */
function jsonRow(row: SinkRow): SinkRow {
  if (row.pane === undefined) return row;
  const p = row.pane;
  return {
    ...row,
    pane: {
      ...p,
      start: jsonTime(p.start),
      end: jsonTime(p.end),
      watermark: jsonTime(p.watermark),
    } as unknown as typeof p,
  };
}
