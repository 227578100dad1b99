import type { ComponentSpec } from '../../../engine/index.ts';
import type {
  PaneRow,
  Straggler,
  WindowsRequest,
  WindowsView,
  WindowSettings,
} from '../../../protocol/panels/windows.ts';
import { nameOf, pickComponent } from '../eventTime/jobTime.ts';
import type { PanelSource } from '../types.ts';
import type { RecordedPane, WindowsRecorder } from './WindowsRecorder.ts';

type WindowSpec = Extract<ComponentSpec, { kind: 'window' }>;

const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** The windows panel's view of one window operator: its panes, newest first, and its late records. */
export function windowsView(
  source: PanelSource,
  recorder: WindowsRecorder,
  request: WindowsRequest,
): WindowsView {
  const { engine, scenario } = source;
  const job = scenario.job;
  const windows = job.components.filter((c): c is WindowSpec => c.kind === 'window');
  const operators = windows.map((c) => ({ id: c.id, name: nameOf(c) }));
  const picked = pickComponent(windows, request.component) as WindowSpec | null;
  const record = picked === null ? undefined : recorder.of(job.components.indexOf(picked));
  if (picked === null || record === undefined) {
    return {
      operators,
      component: null,
      settings: null,
      panes: [],
      totals: { panes: 0, early: 0, onTime: 0, late: 0, retractions: 0, corrections: 0 },
      late: { dropped: 0, sideOutput: 0, accepted: 0 },
      stragglers: [],
    };
  }
  const names = engine.plan.instances.map((i) => i.name);
  return {
    operators,
    component: picked.id,
    settings: settingsOf(picked),
    panes: record.panes
      .toArray()
      .reverse()
      .map((p) => paneRow(p, names)),
    totals: { ...record.totals },
    late: {
      dropped: engine.eventTimeOf(picked.id).reduce((n, t) => n + t.lateDropped, 0),
      sideOutput: record.late.sideOutput,
      accepted: record.late.accepted,
    },
    stragglers: record.stragglers
      .toArray()
      .reverse()
      .map((e): Straggler => ({
        id: e.id,
        instance: names[e.instance]!,
        key: e.key,
        value: nullIfNaN(e.value),
        eventTime: e.eventTime,
        arrivedAt: e.time,
        clock: e.clock,
        windows: e.windows.map((w) => ({ start: w.start, end: w.end })),
        outcome: e.outcome === 'side-output' ? 'side-output' : 'dropped',
      })),
  };
}

function paneRow({ seq, event, correction }: RecordedPane, names: readonly string[]): PaneRow {
  const pane = event.pane;
  return {
    seq,
    instance: names[event.instance]!,
    key: event.key,
    start: pane.start,
    end: pane.end,
    value: nullIfNaN(event.value),
    ...(pane.items ? { items: [...pane.items] } : {}),
    timing: pane.timing,
    index: pane.index,
    retraction: pane.retraction,
    emittedAt: pane.emittedAt,
    clock: pane.watermark,
    correction: correction === null ? null : { previous: nullIfNaN(correction.previous) },
  };
}

function settingsOf(c: WindowSpec): WindowSettings {
  const w = c.window;
  return {
    window: {
      type: w.type,
      ...('size' in w ? { size: w.size } : {}),
      ...('slide' in w ? { slide: w.slide } : {}),
      ...('gap' in w ? { gap: w.gap } : {}),
    },
    aggregate: c.aggregate,
    clock: c.clock,
    emit: c.emit,
    accumulation: c.accumulation,
    allowedLateness: c.allowedLateness,
    lateData: c.lateData,
  };
}
