import { type Scenario, type SinkOutput, sinkOutput, type TraceEvent } from '../../engine/index.ts';
import type { OutputRequest, OutputView } from '../../protocol/panels/output.ts';
import { outputView } from './outputView.ts';
import type { Comparison, PanelRecorder, PanelSource } from './types.ts';

/** One sink compared row by row, at one accuracy computation. */
export interface OutputMoment {
  readonly compared: Comparison;
  readonly sink: string;
  readonly output: SinkOutput;
}

/**
 * The output panel records nothing from the trace (the engine keeps its losses, replays, crashes
 * and recoveries); it keeps the last row-by-row comparison, made at an accuracy computation — the
 * only moment the run and its failure-free reference stand at the same time — so the rows shown
 * always agree with the accuracy shown.
 */
export class OutputRecorder implements PanelRecorder {
  readonly types: readonly TraceEvent['type'][] = [];
  moment: OutputMoment | null = null;
  /** The last view built, for the moment and request it was built for (frames repeat them). */
  built: { moment: OutputMoment; key: string; view: OutputView } | null = null;

  observe(): void {}
}

export function record(_scenario: Scenario): OutputRecorder {
  return new OutputRecorder();
}

/** The sink a request points at: the one asked for, if the job has it, else the job's first. */
export function chosenSink(scenario: Scenario, request: OutputRequest): string | null {
  const sinks = scenario.job.components.filter((c) => c.kind.endsWith('-sink')).map((c) => c.id);
  return request.sink !== undefined && sinks.includes(request.sink) ? request.sink : (sinks[0] ?? null);
}

/** At an accuracy computation: compares the chosen sink row by row, now. */
export function atComparison(source: PanelSource, recorder: OutputRecorder, request: OutputRequest): void {
  const sink = chosenSink(source.scenario, request);
  if (sink === null) return;
  recorder.moment = {
    compared: source.compared,
    sink,
    output: sinkOutput(source.engine, source.reference, sink),
  };
}

export function view(source: PanelSource, recorder: OutputRecorder, request: OutputRequest): OutputView {
  const sink = chosenSink(source.scenario, request);
  let moment = recorder.moment;
  const current = moment !== null && moment.compared === source.compared && moment.sink === sink;
  // Paused (or just opened, or another sink picked): the run still stands where it was compared.
  if (!current && sink !== null && source.atComparison) {
    atComparison(source, recorder, request);
    moment = recorder.moment;
  }
  // Otherwise the last comparison of this sink, if any, until the next accuracy computation.
  const shown = moment !== null && moment.sink === sink ? moment : null;
  const show = request.show ?? 'anomalies';
  const key = `${sink}\n${show}`;
  const built = recorder.built;
  if (shown !== null && built !== null && built.moment === shown && built.key === key) {
    return { ...built.view, behind: shown.compared !== source.compared || !source.atComparison };
  }
  const out = outputView(source, shown, sink, show);
  if (shown !== null) recorder.built = { moment: shown, key, view: out };
  return out;
}
