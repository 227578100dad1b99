import type { Scenario } from '../../engine/index.ts';
import type { CheckpointsRequest, CheckpointsView } from '../../protocol/panels/checkpoints.ts';
import { CheckpointRecorder } from './checkpoints/CheckpointRecorder.ts';
import { checkpointDetail, checkpointLines, recoveryLines, selectedRecord } from './checkpoints/lines.ts';
import type { PanelSource } from './types.ts';

/**
 * What this panel records from the trace while the run goes: each checkpoint's barriers and
 * snapshots per instance, abort times, what restarts aborted — only when the run checkpoints
 * (exactly-once, or at-least-once by checkpointed offsets); null otherwise.
 */
export function record(scenario: Scenario): CheckpointRecorder | null {
  const checkpointed =
    scenario.semantics === 'exactly-once' ||
    (scenario.semantics === 'at-least-once' && scenario.ackMode === 'checkpoint');
  return checkpointed ? new CheckpointRecorder() : null;
}

/**
 * The coordinator's tables from the engine (its history, the checkpoints in progress, the store,
 * the recoveries), the per-instance timeline of the selected checkpoint from the recorder.
 */
export function view(
  source: PanelSource,
  recorder: CheckpointRecorder | null,
  request: CheckpointsRequest,
): CheckpointsView {
  const { engine } = source;
  const cp = engine.checkpointing;
  const base = {
    now: engine.now,
    semantics: engine.options.semantics,
    ackMode: engine.options.ackMode ?? 'acking',
  };
  if (cp === null || recorder === null) return { ...base, checkpointing: null };
  const { interval, timeout, minPause, maxConcurrent, tolerableFailures, retained } = cp.settings;
  const selected = selectedRecord(cp, request.checkpoint);
  return {
    ...base,
    checkpointing: {
      mode: cp.mode,
      settings: { interval, timeout, minPause, maxConcurrent, tolerableFailures, retained },
      job: cp.state,
      consecutiveFailures: cp.consecutiveFailures,
      noticesLost: cp.noticesLost,
      totals: { ...recorder.totals },
      checkpoints: checkpointLines(cp, recorder),
      recoveries: recoveryLines(engine, cp, recorder),
      detail: selected === null ? null : checkpointDetail(engine, cp, recorder, selected),
    },
  };
}
