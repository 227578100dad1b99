import { useState } from 'react';
import { Panel, Waiting } from './Panel.tsx';
import { MetricsCharts } from './metrics/MetricsCharts.tsx';
import { MetricsSummary } from './metrics/MetricsSummary.tsx';
import { MetricsTable } from './metrics/MetricsTable.tsx';
import { useThrottledView } from './metrics/useThrottledView.ts';

/**
 * Metrics over the run's virtual time, from time 0: throughput, end-to-end latency, backlog,
 * back-pressure, checkpoints and accuracy, with the failures and recoveries marked — as charts,
 * or as tables with the same numbers.
 */
export function MetricsPanel() {
  const view = useThrottledView();
  const [table, setTable] = useState(false);
  return (
    <Panel
      name="metrics"
      title="Metrics"
      tools={
        <button type="button" aria-pressed={table} onClick={() => setTable((t) => !t)}>
          Table
        </button>
      }
    >
      {view === undefined ? (
        <Waiting />
      ) : (
        <>
          <MetricsSummary view={view} />
          {table ? <MetricsTable view={view} /> : <MetricsCharts view={view} />}
        </>
      )}
    </Panel>
  );
}
