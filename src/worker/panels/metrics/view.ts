import type { CheckpointRecord, Engine } from '../../../engine/index.ts';
import {
  MAX_BUCKETS,
  MAX_CHECKPOINTS,
  MAX_LINES,
  MAX_MARKERS,
  type CheckpointPoint,
  type Marker,
  type MetricsLine,
  type MetricsView,
} from '../../../protocol/panels/metrics.ts';
import type { PanelSource } from '../types.ts';
import type { MetricsRecorder } from './MetricsRecorder.ts';

/**
 * The metrics view from the recorder's buckets (closed ones as recorded, the open one sampled
 * now) and the engine's own tables (checkpoints, failovers).
 */
export function buildMetricsView(source: PanelSource, rec: MetricsRecorder): MetricsView {
  const engine = source.engine;
  const now = engine.now;
  // Nothing observed for longer than the buckets reach (a long idle stretch): close them now.
  if (Math.ceil(now / rec.width) > MAX_BUCKETS) rec.advanceTo(now);
  const width = rec.width;
  // The buckets up to now: the recorder's, then any it has not opened yet (nothing observed in them).
  const last = Math.max(rec.open, Math.ceil(now / width) - 1);
  const n = last + 1;
  const openMs = now - last * width;
  const recordsIn: number[] = [];
  const recordsOut: number[] = [];
  const p50: (number | null)[] = [];
  const p99: (number | null)[] = [];
  for (let b = 0; b < n; b++) {
    const recorded = b <= rec.open;
    const [q50, q99] = recorded ? rec.latencyQuantiles(b) : [null, null];
    recordsIn.push(recorded ? rec.recordsIn[b]! : 0);
    recordsOut.push(recorded ? rec.recordsOut[b]! : 0);
    p50.push(round(q50, 2));
    p99.push(round(q99, 2));
  }
  const total = rec.totalLatency;
  const cp = engine.checkpointing;
  return {
    bucketMs: width,
    time: now,
    openMs,
    runFor: source.scenario.runFor,
    recordsIn,
    recordsOut,
    latencyP50: p50,
    latencyP99: p99,
    ...lines(engine, rec, n, openMs),
    checkpoints: cp === null ? [] : checkpointPoints(cp.coordinator.history, width),
    checkpointsTotal: cp?.coordinator.history.length ?? 0,
    checkpointing: cp?.mode ?? null,
    accuracy: [...rec.accuracy],
    markers: markers(engine, rec),
    totals: {
      recordsIn: rec.totalIn,
      recordsOut: rec.totalOut,
      latency: {
        p50: round(total.quantile(0.5), 2),
        p99: round(total.quantile(0.99), 2),
        max: total.count === 0 ? null : round(total.max, 2),
        count: total.count,
        unknown: rec.unknownLatency,
      },
    },
  };
}

/**
 * The backlog and back-pressure charts' lines over `n` buckets: the closed buckets' end samples,
 * then the engine's state now for the others.
 */
function lines(
  engine: Engine,
  rec: MetricsRecorder,
  n: number,
  openMs: number,
): Pick<MetricsView, 'backlog' | 'backpressure'> {
  const rt = engine.rt;
  const width = rec.width;
  const live: ReturnType<MetricsRecorder['liveSample']>[] = [];
  for (let b = rec.open; b < n; b++) live.push(rec.liveSample(Math.min((b + 1) * width, engine.now)));
  const column = (
    samples: Float64Array,
    lineCount: number,
    line: number,
    pick: (s: (typeof live)[number]) => Float64Array,
  ): number[] => {
    const values: number[] = [];
    for (let b = 0; b < rec.open; b++) values.push(samples[b * lineCount + line]!);
    for (const s of live) values.push(pick(s)[line]!);
    return values;
  };
  const { edges, sources, components } = rec.lines;
  const backlog: MetricsLine[] = [];
  rt.edges.forEach((edge, e) => {
    const late = edge.spec.output === 'late' ? ' (late)' : '';
    backlog.push({
      key: `edge:${e}`,
      label: `${edge.spec.from} → ${edge.spec.to}${late}`,
      values: column(rec.edgeSamples, edges, e, (s) => s.edges),
    });
  });
  rec.sourceComponents(rt).forEach((id, s) => {
    backlog.push({
      key: `lag:${id}`,
      label: `${id} log, unread`,
      values: column(rec.lagSamples, sources, s, (l) => l.lags),
    });
  });
  const backpressure: MetricsLine[] = [];
  rt.components.forEach((comp, c) => {
    const cumulative = column(rec.blockedSamples, components, c, (s) => s.blocked);
    if (cumulative[n - 1]! <= 0) return;
    const instances = comp.instances.length;
    backpressure.push({
      key: `bp:${comp.id}`,
      label: comp.id,
      values: cumulative.map((ms, b) => {
        const span = (b === n - 1 ? openMs : width) * instances;
        const blocked = ms - (b === 0 ? 0 : cumulative[b - 1]!);
        return span <= 0 ? null : round(Math.min(1, Math.max(0, blocked / span)), 3);
      }),
    });
  });
  return { backlog: busiest(backlog), backpressure: busiest(backpressure) };
}

/** At most MAX_LINES lines: those with the highest peaks, in the job's order. */
function busiest(all: MetricsLine[]): MetricsLine[] {
  if (all.length <= MAX_LINES) return all;
  const peak = (l: MetricsLine) => Math.max(0, ...l.values.map((v) => v ?? 0));
  const kept = new Set([...all].sort((a, b) => peak(b) - peak(a)).slice(0, MAX_LINES));
  return all.filter((l) => kept.has(l));
}

/**
 * Every checkpoint as the CLI reports it, while they fit; beyond MAX_CHECKPOINTS, the longest of
 * each bucket (a failed one counts as longest), so spikes stay visible.
 */
export function checkpointPoints(history: readonly CheckpointRecord[], width: number): CheckpointPoint[] {
  const all = history.map(checkpointPoint);
  if (all.length <= MAX_CHECKPOINTS) return all;
  const byBucket = new Map<number, CheckpointPoint>();
  const weight = (c: CheckpointPoint) => (c.failure !== null ? Infinity : (c.durationMs ?? -1));
  for (const c of all) {
    const b = Math.floor(c.triggeredAt / width);
    const held = byBucket.get(b);
    if (held === undefined || weight(c) > weight(held)) byBucket.set(b, c);
  }
  return [...byBucket.values()].slice(-MAX_CHECKPOINTS);
}

function checkpointPoint(r: CheckpointRecord): CheckpointPoint {
  const completedAt = r.completedAt ?? null;
  return {
    id: r.id,
    triggeredAt: r.triggeredAt,
    completedAt,
    durationMs: completedAt === null ? null : completedAt - r.triggeredAt,
    stateSize: r.stateSize,
    alignmentMs: r.alignmentMs,
    failure: r.failure ?? null,
  };
}

/**
 * The recorder's failures, restarts and failed checkpoints; the engine's failovers (with the job's
 * restarts) and completed checkpoints — the newest MAX_MARKERS of each group, by time.
 */
function markers(engine: Engine, rec: MetricsRecorder): Marker[] {
  const cp = engine.checkpointing;
  const jobs: Marker[] = [];
  for (const r of cp?.recoveries.slice(-MAX_MARKERS) ?? []) {
    const from = r.restoredCheckpoint === null ? 'the beginning' : `checkpoint ${r.restoredCheckpoint}`;
    jobs.push({ time: r.at, kind: 'failover', text: `failover: ${r.reason}` });
    if (r.restartedAt === null) {
      jobs.push({ time: r.at, kind: 'job-failed', text: 'job failed: the restart strategy gave up' });
    } else if (r.restartedAt <= engine.now) {
      jobs.push({ time: r.restartedAt, kind: 'restart', text: `job restarted from ${from}` });
    }
  }
  const completed: Marker[] = [];
  const history = cp?.coordinator.history ?? [];
  for (let i = history.length - 1; i >= 0 && completed.length < MAX_MARKERS; i--) {
    const c = history[i]!;
    if (c.completedAt !== undefined) {
      completed.push({ time: c.completedAt, kind: 'checkpoint', text: `checkpoint ${c.id} completed` });
    }
  }
  return [...rec.markers, ...jobs.slice(-MAX_MARKERS), ...completed].sort((a, b) => a.time - b.time);
}

function round(x: number | null, digits: number): number | null {
  if (x === null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
