import type { MetricsView } from '../../../protocol/panels/metrics.ts';
import { formatCount } from '../../app/format.ts';
import { perSecond } from './series.ts';
import { MARKER_STYLES } from './style.ts';

const ms = (v: number | null) => (v === null ? '—' : formatMs(v));

/**
 * Milliseconds as precise as they are worth: 1,038 (≥ 100), 12.5 (≥ 10), 0.25; whole numbers
 * without decimals.
 */
export function formatMs(v: number): string {
  const digits = Number.isInteger(v) || Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The charts' numbers as tables: per bucket, then checkpoints, accuracy and markers. */
export function MetricsTable({ view }: { view: MetricsView }) {
  const n = view.recordsIn.length;
  const spanOf = (b: number) => (b === n - 1 ? view.openMs : view.bucketMs);
  return (
    <div className="metrics-tables">
      <table aria-label="Metrics per bucket of virtual time">
        <thead>
          <tr>
            <th scope="col">from (ms)</th>
            <th scope="col">to (ms)</th>
            <th scope="col">records in</th>
            <th scope="col">in per s</th>
            <th scope="col">records out</th>
            <th scope="col">out per s</th>
            <th scope="col">latency p50 (ms)</th>
            <th scope="col">latency p99 (ms)</th>
            {view.backlog.map((l) => (
              <th key={l.key} scope="col">
                backlog {l.label}
              </th>
            ))}
            {view.backpressure.map((l) => (
              <th key={l.key} scope="col">
                back-pressured {l.label} (%)
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.recordsIn.map((recordsIn, b) => {
            const span = spanOf(b);
            const out = view.recordsOut[b]!;
            return (
              <tr key={b}>
                <td>{formatCount(b * view.bucketMs)}</td>
                <td>{formatCount(b * view.bucketMs + span)}</td>
                <td>{formatCount(recordsIn)}</td>
                <td>{span > 0 ? formatCount(perSecond(recordsIn, span)) : '—'}</td>
                <td>{formatCount(out)}</td>
                <td>{span > 0 ? formatCount(perSecond(out, span)) : '—'}</td>
                <td>{ms(view.latencyP50[b] ?? null)}</td>
                <td>{ms(view.latencyP99[b] ?? null)}</td>
                {view.backlog.map((l) => (
                  <td key={l.key}>{ms(l.values[b] ?? null)}</td>
                ))}
                {view.backpressure.map((l) => {
                  const v = l.values[b] ?? null;
                  return <td key={l.key}>{v === null ? '—' : formatMs(Math.round(v * 1000) / 10)}</td>;
                })}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{formatCount(view.time)}</td>
            <td aria-label="Total records in">{formatCount(view.totals.recordsIn)}</td>
            <td />
            <td aria-label="Total records out">{formatCount(view.totals.recordsOut)}</td>
            <td />
            <td>{ms(view.totals.latency.p50)}</td>
            <td>{ms(view.totals.latency.p99)}</td>
          </tr>
        </tfoot>
      </table>

      {view.checkpointing !== null && (
        <table aria-label="Checkpoints">
          <caption>
            Checkpoints ({formatCount(view.checkpointsTotal)} triggered
            {view.checkpoints.length < view.checkpointsTotal
              ? `; the longest of each bucket listed, ${formatCount(view.checkpoints.length)}`
              : ''}
            )
          </caption>
          <thead>
            <tr>
              <th scope="col">checkpoint</th>
              <th scope="col">triggered (ms)</th>
              <th scope="col">completed (ms)</th>
              <th scope="col">duration (ms)</th>
              <th scope="col">alignment (ms)</th>
              <th scope="col">size (state entries)</th>
              <th scope="col">outcome</th>
            </tr>
          </thead>
          <tbody>
            {view.checkpoints.map((c) => (
              <tr key={c.id}>
                <td>{c.id}</td>
                <td>{formatMs(c.triggeredAt)}</td>
                <td>{ms(c.completedAt)}</td>
                <td>{ms(c.durationMs)}</td>
                <td>{formatMs(c.alignmentMs)}</td>
                <td>{formatCount(c.stateSize)}</td>
                <td>{c.failure ?? (c.completedAt === null ? 'in progress' : 'completed')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <table aria-label="Accuracy over time">
        <caption>Accuracy against the failure-free run, as computed while the run went</caption>
        <thead>
          <tr>
            <th scope="col">time (ms)</th>
            <th scope="col">accuracy (%)</th>
            <th scope="col">correct</th>
            <th scope="col">missing</th>
            <th scope="col">duplicated</th>
            <th scope="col">wrong</th>
          </tr>
        </thead>
        <tbody>
          {view.accuracy.map((a) => (
            <tr key={a.time}>
              <td>{formatMs(a.time)}</td>
              <td>{formatMs(Math.round(a.score * 1000) / 10)}</td>
              <td>{formatCount(a.correct)}</td>
              <td>{formatCount(a.missing)}</td>
              <td>{formatCount(a.duplicated)}</td>
              <td>{formatCount(a.wrong)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table aria-label="Markers">
        <caption>Failures, failovers, restarts and checkpoints</caption>
        <thead>
          <tr>
            <th scope="col">time (ms)</th>
            <th scope="col">what</th>
            <th scope="col">details</th>
          </tr>
        </thead>
        <tbody>
          {view.markers.map((m, i) => (
            <tr key={i}>
              <td>{formatMs(m.time)}</td>
              <td>
                <span aria-hidden="true">{MARKER_STYLES[m.kind].mark}</span> {MARKER_STYLES[m.kind].word}
              </td>
              <td>{m.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
