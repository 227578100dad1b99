import type { Engine, Scenario } from '../../engine/index.ts';
import type { PanelSource } from './types.ts';

/**
 * A panel source for tests that build a view straight from an engine: the run is its own
 * reference, compared where it stands (for views that read the run only).
 */
export function sourceOf(scenario: Scenario, engine: Engine, reference: Engine = engine): PanelSource {
  return {
    scenario,
    engine,
    reference,
    compared: { time: engine.now, steps: engine.steps, sinks: {} },
    atComparison: true,
  };
}
