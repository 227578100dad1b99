import type { Accuracy, Engine, Scenario, TraceEvent } from '../../engine/index.ts';

/** The last accuracy computation: when, and each sink's accuracy then. A new object per computation. */
export interface Comparison {
  readonly time: number;
  readonly steps: number;
  readonly sinks: Readonly<Record<string, Accuracy>>;
}

/** What a panel's view is built from: the run's engine and scenario, and its failure-free reference. */
export interface PanelSource {
  readonly scenario: Scenario;
  readonly engine: Engine;
  /** The failure-free run of the same job and seed, as far as the last accuracy computation took it. */
  readonly reference: Engine;
  /** The last accuracy computation. */
  readonly compared: Comparison;
  /** Whether the run still stands where it was compared (not moved on, nothing injected since). */
  readonly atComparison: boolean;
}

/**
 * Records, from the run's trace, what a panel shows that the engine does not keep itself — from
 * time 0, so a panel opened late still shows the whole run. Bounded, so long runs stay light.
 */
export interface PanelRecorder {
  /** The trace events it wants. */
  readonly types: readonly TraceEvent['type'][];
  observe(event: TraceEvent): void;
}
