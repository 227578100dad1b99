import type { Engine, Scenario, TraceEvent, TraceObserver } from '../../engine/index.ts';
import type { PanelRequest, PanelViews } from '../../protocol/panels.ts';
import * as acker from './acker.ts';
import * as checkpoints from './checkpoints.ts';
import * as eventTime from './eventTime.ts';
import * as lineage from './lineage.ts';
import * as metrics from './metrics.ts';
import * as output from './output.ts';
import type { PanelRecorder, PanelSource } from './types.ts';
import * as windows from './windows.ts';

/**
 * The see-inside panels on the worker's side: one module per panel (`record`: what it needs kept
 * from the trace, from time 0; `view`: its view, built from the engine's state when a frame is).
 */
export function createRecorders(scenario: Scenario) {
  return {
    acker: acker.record(scenario),
    checkpoints: checkpoints.record(scenario),
    eventTime: eventTime.record(scenario),
    windows: windows.record(scenario),
    output: output.record(scenario),
    metrics: metrics.record(scenario),
    lineage: lineage.record(scenario),
  };
}

export type Recorders = ReturnType<typeof createRecorders>;

/** Hands the run's engine to the recorders that sample its state (it is built after them: it needs their observer). */
export function attachEngine(recorders: Recorders, engine: Engine): void {
  recorders.metrics.attach(engine);
}

/**
 * One trace observer for the engine, handing each event to the recorders that want its type, and
 * the set of those types (the engine skips building the others where it can); undefined when no
 * recorder wants any (the engine then builds no trace events at all).
 */
export function traceObserver(
  recorders: Recorders,
): { observer: TraceObserver; observed: ReadonlySet<TraceEvent['type']> } | undefined {
  const byType = new Map<TraceEvent['type'], PanelRecorder[]>();
  for (const recorder of Object.values(recorders) as (PanelRecorder | null)[]) {
    if (recorder === null) continue;
    for (const type of recorder.types) byType.set(type, [...(byType.get(type) ?? []), recorder]);
  }
  if (byType.size === 0) return undefined;
  // One function per type, looked up by property: this runs for most steps of the engine.
  const handlers: Partial<Record<TraceEvent['type'], TraceObserver>> = {};
  for (const [type, wanting] of byType) {
    const [only] = wanting;
    handlers[type] =
      wanting.length === 1
        ? (event) => only!.observe(event)
        : (event) => {
            for (const recorder of wanting) recorder.observe(event);
          };
  }
  return { observer: (event) => handlers[event.type]?.(event), observed: new Set(byType.keys()) };
}

/**
 * At each accuracy computation, while the run and its reference stand at the same time: what the
 * watched panels build from that moment (the output panel's row-by-row comparison).
 */
export function atComparison(source: PanelSource, recorders: Recorders, request: PanelRequest): void {
  if (request.output) output.atComparison(source, recorders.output, request.output);
}

/** The views of the panels watched, and only those. */
export function buildPanels(source: PanelSource, recorders: Recorders, request: PanelRequest): PanelViews {
  const views: PanelViews = {};
  if (request.acker) views.acker = acker.view(source, recorders.acker, request.acker);
  if (request.checkpoints)
    views.checkpoints = checkpoints.view(source, recorders.checkpoints, request.checkpoints);
  if (request.eventTime) views.eventTime = eventTime.view(source, recorders.eventTime, request.eventTime);
  if (request.windows) views.windows = windows.view(source, recorders.windows, request.windows);
  if (request.output) views.output = output.view(source, recorders.output, request.output);
  if (request.metrics) views.metrics = metrics.view(source, recorders.metrics, request.metrics);
  if (request.lineage) views.lineage = lineage.view(source, recorders.lineage, request.lineage);
  return views;
}
