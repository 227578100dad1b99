import { z } from 'zod';
import { Count, Time } from '../common.ts';

/** What the UI asks of the metrics panel: nothing to point at, it shows the whole run. */
export const MetricsRequest = z.object({});
export type MetricsRequest = z.infer<typeof MetricsRequest>;

/**
 * Buckets of virtual time per series, at most. The run from time 0 is cut into buckets of
 * `bucketMs`: chosen from the scenario's runFor (a 1-2-5 step, so that runFor spans at most 200
 * of them), doubled — two neighbours merged into one — whenever the run outgrows this many.
 * Runs of one scenario therefore have widths base × 2^k, and two runs' series line up (the
 * Compare view overlays them after merging the finer one's pairs).
 */
export const MAX_BUCKETS = 300;
/** Lines in the backlog chart (edges and source logs), and in the back-pressure chart: the busiest. */
export const MAX_LINES = 12;
/** Checkpoints listed one by one; beyond, the longest of each bucket. */
export const MAX_CHECKPOINTS = 300;
/** Markers kept per group (the newest): failures and restarts of instances; failovers; completed checkpoints. */
export const MAX_MARKERS = 100;

/** One value per bucket, oldest first (null: nothing to measure in that bucket). */
const PerBucket = z.array(z.number().nullable()).max(MAX_BUCKETS);
const CountPerBucket = z.array(Count).max(MAX_BUCKETS);

/** A line of the backlog or back-pressure chart. */
export const MetricsLine = z.object({
  /** Stable key: `edge:3`, `lag:transactions`, `bp:analyzer`. */
  key: z.string(),
  label: z.string(),
  values: PerBucket,
});
export type MetricsLine = z.infer<typeof MetricsLine>;

/** One checkpoint, as in the CLI's `checkpoints` (durationMs = completedAt − triggeredAt). */
export const CheckpointPoint = z.object({
  id: Count,
  triggeredAt: Time,
  completedAt: Time.nullable(),
  durationMs: z.number().nullable(),
  /** Entries saved by the tasks that acknowledged it. */
  stateSize: Count,
  alignmentMs: z.number(),
  failure: z.string().nullable(),
});
export type CheckpointPoint = z.infer<typeof CheckpointPoint>;

/** One accuracy computation of the run against its failure-free reference (the status line's). */
export const AccuracyPoint = z.object({
  time: Time,
  score: z.number().min(0).max(1),
  correct: Count,
  missing: Count,
  duplicated: Count,
  wrong: Count,
});
export type AccuracyPoint = z.infer<typeof AccuracyPoint>;

export const MarkerKind = z.enum([
  'failure',
  'failover',
  'restart',
  'job-failed',
  'checkpoint',
  'checkpoint-failed',
]);
export type MarkerKind = z.infer<typeof MarkerKind>;

export const Marker = z.object({ time: Time, kind: MarkerKind, text: z.string() });
export type Marker = z.infer<typeof Marker>;

/** End-to-end latency over a set of sink writes (ms; null: no write with a known latency). */
export const LatencySummary = z.object({
  p50: z.number().nullable(),
  p99: z.number().nullable(),
  max: z.number().nullable(),
  /** Writes whose latency is known. */
  count: Count,
  /** Writes whose event's first read was forgotten (the bounded table of reads overflowed). */
  unknown: Count,
});

/**
 * The metrics panel's view: the run's time series from time 0, bucketed by virtual time. Every
 * series is bounded (MAX_BUCKETS points; at most MAX_LINES lines per chart), so a whole view is a
 * few kilobytes and is sent whole with each frame.
 */
export const MetricsView = z.object({
  /** Virtual ms per bucket; bucket i covers [i × bucketMs, (i + 1) × bucketMs). */
  bucketMs: z.number().positive(),
  /** The run's virtual time now. The last bucket is still open: it covers [start, time]. */
  time: Time,
  /** Virtual ms the last bucket has covered so far (its rates are per this much time). */
  openMs: z.number().nonnegative(),
  /** The scenario's runFor: the charts' x axis spans at least [0, runFor]. */
  runFor: z.number().nonnegative(),
  /** Records read by the sources (re-reads of replays included) per bucket: throughput in. */
  recordsIn: CountPerBucket,
  /**
   * Records written by the sinks per bucket: throughput out (the sinks' `delivered` counter: a
   * write an idempotent sink skipped as a replay counts, a failed one does not).
   */
  recordsOut: CountPerBucket,
  /**
   * End-to-end latency of the records written in the bucket (sink write − the first read of their
   * event at its source), ms: nearest-rank p50 and p99 from a histogram of 5 % bins, each bin
   * reporting the mean of its values (exact when a bin holds one distinct latency).
   */
  latencyP50: PerBucket,
  latencyP99: PerBucket,
  /** Elements on each edge (queued and in transit, as the edge's gauge) and records not yet read from each source's log, at each bucket's end. */
  backlog: z.array(MetricsLine).max(MAX_LINES),
  /** Share (0–1) of each bucket its component's instances spent blocked on a full output; only components ever back-pressured. */
  backpressure: z.array(MetricsLine).max(MAX_LINES),
  /** Checkpointing: the checkpoints, oldest first (empty without checkpoints). */
  checkpoints: z.array(CheckpointPoint).max(MAX_CHECKPOINTS),
  /** Checkpoints triggered in all (more than listed: the longest of each bucket are listed). */
  checkpointsTotal: Count,
  /** Null when the run takes no checkpoints. */
  checkpointing: z.enum(['exactly-once', 'at-least-once']).nullable(),
  /** The accuracy as computed while the run went, the latest of each bucket. */
  accuracy: z.array(AccuracyPoint).max(MAX_BUCKETS),
  markers: z.array(Marker).max(3 * MAX_MARKERS),
  /** The whole run so far. */
  totals: z.object({ recordsIn: Count, recordsOut: Count, latency: LatencySummary }),
});
export type MetricsView = z.infer<typeof MetricsView>;
