import type { MetricsLine, MetricsView } from '../../../protocol/panels/metrics.ts';

/**
 * The metrics view as chart rows: one row per bucket, x in virtual ms. Measures over a bucket
 * (rates, latency, back-pressure) sit at its middle; samples taken at its end (backlog) at its end.
 * Nothing is computed here but the unit (records per bucket → per second of virtual time).
 */
export interface Row {
  readonly t: number;
  readonly [series: string]: number | null;
}

/** The open bucket's rates once it covers this share of a bucket (before, a few records would read as a spike). */
const OPEN_SHARE = 0.25;

/** Bucket b's span in virtual ms (the open, last one: as far as it went). */
function span(view: MetricsView, b: number): number {
  return b === view.recordsIn.length - 1 ? view.openMs : view.bucketMs;
}

/** Bucket b's rates are shown (a closed bucket, or the open one once it covers enough). */
function measured(view: MetricsView, b: number): boolean {
  return span(view, b) >= OPEN_SHARE * view.bucketMs;
}

/** Records per second of virtual time. */
export function perSecond(count: number, ms: number): number {
  return (count * 1000) / ms;
}

export function throughputRows(view: MetricsView): Row[] {
  return view.recordsIn.flatMap((n, b) =>
    measured(view, b)
      ? [
          {
            t: b * view.bucketMs + span(view, b) / 2,
            in: perSecond(n, span(view, b)),
            out: perSecond(view.recordsOut[b]!, span(view, b)),
          },
        ]
      : [],
  );
}

export function latencyRows(view: MetricsView): Row[] {
  return view.latencyP50.map((p50, b) => ({
    t: b * view.bucketMs + span(view, b) / 2,
    p50,
    p99: view.latencyP99[b] ?? null,
  }));
}

/** Backlog samples at each bucket's end (the open bucket's: now). */
export function backlogRows(view: MetricsView): Row[] {
  return linesAt(view.backlog, (b) => b * view.bucketMs + span(view, b), view.recordsIn.length);
}

/** Back-pressured share of each bucket, in percent. */
export function backpressureRows(view: MetricsView): Row[] {
  const percent = view.backpressure.map((l) => ({
    ...l,
    values: l.values.map((v) => (v === null ? null : v * 100)),
  }));
  return linesAt(percent, (b) => b * view.bucketMs + span(view, b) / 2, view.recordsIn.length).filter(
    (_, b) => measured(view, b),
  );
}

function linesAt(lines: readonly MetricsLine[], x: (b: number) => number, n: number): Row[] {
  const rows: Row[] = [];
  for (let b = 0; b < n; b++) {
    const row: Record<string, number | null> = { t: x(b) };
    for (const l of lines) row[l.key] = l.values[b] ?? null;
    rows.push(row as Row);
  }
  return rows;
}

/** Completed checkpoints at their trigger time: duration (ms) and size (entries). */
export function checkpointRows(view: MetricsView): Row[] {
  return view.checkpoints
    .filter((c) => c.completedAt !== null)
    .map((c) => ({ t: c.triggeredAt, duration: c.durationMs, size: c.stateSize }));
}

/** Accuracy in percent, at each computation's time. */
export function accuracyRows(view: MetricsView): Row[] {
  return view.accuracy.map((a) => ({ t: a.time, score: a.score * 100 }));
}

/** The charts' x axis: the whole run, at least [0, runFor]. */
export function xDomain(view: MetricsView): [number, number] {
  return [0, Math.max(view.runFor, view.time, 1)];
}
