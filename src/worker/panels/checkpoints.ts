import type { Scenario } from '../../engine/index.ts';
import type { CheckpointsRequest, CheckpointsView } from '../../protocol/panels/checkpoints.ts';
import type { PanelSource } from './types.ts';

/** What this panel records from the trace while the run goes (null: nothing, the engine keeps it). */
export function record(_scenario: Scenario): null {
  return null;
}

export function view(_source: PanelSource, _recorder: null, _request: CheckpointsRequest): CheckpointsView {
  return {};
}
