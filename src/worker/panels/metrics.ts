import type { Scenario } from '../../engine/index.ts';
import type { MetricsRequest, MetricsView } from '../../protocol/panels/metrics.ts';
import { MetricsRecorder } from './metrics/MetricsRecorder.ts';
import { buildMetricsView } from './metrics/view.ts';
import type { PanelSource } from './types.ts';

/**
 * The metrics panel: throughput, end-to-end latency, backlog, back-pressure, checkpoints and
 * accuracy over the run's virtual time. The recorder buckets the trace from time 0 and samples
 * the engine (it is attached to it once the run's engine exists; see `attachEngine`).
 */
export function record(scenario: Scenario): MetricsRecorder {
  return new MetricsRecorder(scenario.runFor);
}

export function view(source: PanelSource, recorder: MetricsRecorder, _request: MetricsRequest): MetricsView {
  return buildMetricsView(source, recorder);
}
