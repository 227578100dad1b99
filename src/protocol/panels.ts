import { z } from 'zod';
import { AckerRequest, AckerView } from './panels/acker.ts';
import { CheckpointsRequest, CheckpointsView } from './panels/checkpoints.ts';
import { EventTimeRequest, EventTimeView } from './panels/eventTime.ts';
import { LineageRequest, LineageView } from './panels/lineage.ts';
import { MetricsRequest, MetricsView } from './panels/metrics.ts';
import { OutputRequest, OutputView } from './panels/output.ts';
import { WindowsRequest, WindowsView } from './panels/windows.ts';

/**
 * The see-inside panels. Each has a request (what the UI points it at) and a view (what the worker
 * builds for it from the engine's own state), in `panels/<name>.ts`. A frame carries the views of
 * the panels watched, and only those: a closed panel costs the worker nothing.
 */
export const PANEL_NAMES = [
  'acker',
  'checkpoints',
  'eventTime',
  'windows',
  'output',
  'metrics',
  'lineage',
] as const;
export type PanelName = (typeof PANEL_NAMES)[number];

export const PanelRequest = z
  .object({
    acker: AckerRequest.optional(),
    checkpoints: CheckpointsRequest.optional(),
    eventTime: EventTimeRequest.optional(),
    windows: WindowsRequest.optional(),
    output: OutputRequest.optional(),
    metrics: MetricsRequest.optional(),
    lineage: LineageRequest.optional(),
  })
  .strict();
export type PanelRequest = z.infer<typeof PanelRequest>;

export const PanelViews = z.object({
  acker: AckerView.optional(),
  checkpoints: CheckpointsView.optional(),
  eventTime: EventTimeView.optional(),
  windows: WindowsView.optional(),
  output: OutputView.optional(),
  metrics: MetricsView.optional(),
  lineage: LineageView.optional(),
});
export type PanelViews = z.infer<typeof PanelViews>;
