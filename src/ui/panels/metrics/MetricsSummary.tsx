import type { MetricsView } from '../../../protocol/panels/metrics.ts';
import { formatCount } from '../../app/format.ts';
import { formatMs } from './MetricsTable.tsx';
import { MARKER_STYLES } from './style.ts';

/** The whole run so far in one line, and what the markers on the charts mean. */
export function MetricsSummary({ view }: { view: MetricsView }) {
  const { recordsIn, recordsOut, latency } = view.totals;
  const kinds = [...new Set(view.markers.map((m) => m.kind))];
  return (
    <div className="metrics-summary">
      <p aria-label="Metrics summary">
        {formatCount(recordsIn)} records in, {formatCount(recordsOut)} out · end-to-end latency{' '}
        {latency.p50 === null
          ? 'not measured yet'
          : `p50 ${formatMs(latency.p50)} ms, p99 ${formatMs(latency.p99!)} ms, max ${formatMs(latency.max!)} ms`}
        {latency.unknown > 0 ? ` (${formatCount(latency.unknown)} writes of unknown latency)` : ''} · buckets
        of {formatCount(view.bucketMs)} ms of virtual time
      </p>
      {kinds.length > 0 && (
        <ul className="metrics-markers" aria-label="Markers on the charts">
          {kinds.map((k) => (
            <li key={k} style={{ color: MARKER_STYLES[k].color }}>
              <span aria-hidden="true">{MARKER_STYLES[k].mark}</span> {MARKER_STYLES[k].word}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
