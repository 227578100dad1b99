import { useMemo } from 'react';
import type { MetricsView } from '../../../protocol/panels/metrics.ts';
import { formatMs } from './MetricsTable.tsx';
import { MetricChart } from './MetricChart.tsx';
import {
  accuracyRows,
  backlogRows,
  backpressureRows,
  checkpointRows,
  latencyRows,
  throughputRows,
  xDomain,
} from './series.ts';

const THROUGHPUT = [
  { key: 'in', label: 'in: read by the sources' },
  { key: 'out', label: 'out: written by the sinks' },
];
const LATENCY = [
  { key: 'p50', label: 'p50 (half the writes took less)' },
  { key: 'p99', label: 'p99 (1 in 100 took longer)' },
];
const DURATION = [{ key: 'duration', label: 'duration: trigger to completion' }];
const SIZE = [{ key: 'size', label: 'state saved (offsets, keys, ids, transactions)' }];
const ACCURACY = [{ key: 'score', label: 'accuracy against the failure-free run' }];

const percent = (v: number) => `${formatMs(Math.round(v * 10) / 10)}`;

/** The panel's charts, stacked on one x axis: the run's virtual time. */
export function MetricsCharts({ view }: { view: MetricsView }) {
  const rows = useMemo(
    () => ({
      throughput: throughputRows(view),
      latency: latencyRows(view),
      backlog: backlogRows(view),
      backpressure: backpressureRows(view),
      checkpoints: checkpointRows(view),
      accuracy: accuracyRows(view),
    }),
    [view],
  );
  const domain = useMemo(() => xDomain(view), [view]);
  const markers = view.markers;
  const backlog = useMemo(() => view.backlog.map(({ key, label }) => ({ key, label })), [view.backlog]);
  const backpressure = useMemo(
    () => view.backpressure.map(({ key, label }) => ({ key, label })),
    [view.backpressure],
  );
  const common = { domain, markers };
  return (
    <div className="metrics-charts">
      <MetricChart
        title="Throughput"
        unit="records per second"
        rows={rows.throughput}
        series={THROUGHPUT}
        {...common}
      />
      <MetricChart
        title="End-to-end latency"
        unit="ms from the first read at the source to the write at the sink"
        rows={rows.latency}
        series={LATENCY}
        format={formatMs}
        {...common}
      />
      <MetricChart
        title="Backlog"
        unit="elements waiting on each edge; records not yet read from each source's log"
        rows={rows.backlog}
        series={backlog}
        {...common}
      />
      {backpressure.length > 0 ? (
        <MetricChart
          title="Back-pressure"
          unit="% of the time blocked on a full output"
          rows={rows.backpressure}
          series={backpressure}
          yMax={100}
          format={percent}
          {...common}
        />
      ) : (
        <p className="muted metrics-note">Back-pressure: no component has been blocked on a full output.</p>
      )}
      {view.checkpointing === null ? (
        <p className="muted metrics-note">
          Checkpoints: this run takes none (exactly-once and at-least-once by checkpointed offsets do).
        </p>
      ) : (
        <>
          <MetricChart
            title="Checkpoint duration"
            unit="ms, at each checkpoint's trigger"
            rows={rows.checkpoints}
            series={DURATION}
            dots="points"
            format={formatMs}
            {...common}
          />
          <MetricChart
            title="Checkpoint size"
            unit="state entries"
            rows={rows.checkpoints}
            series={SIZE}
            dots="points"
            {...common}
          />
        </>
      )}
      <MetricChart
        title="Accuracy"
        unit="% of correct output rows, as computed while the run went"
        rows={rows.accuracy}
        series={ACCURACY}
        dots="points"
        yMax={100}
        format={percent}
        {...common}
      />
    </div>
  );
}
