import type { Scenario } from '../../engine/index.ts';
import type { WindowsRequest, WindowsView } from '../../protocol/panels/windows.ts';
import type { PanelSource } from './types.ts';
import { windowsView } from './windows/view.ts';
import { WindowsRecorder } from './windows/WindowsRecorder.ts';

/** What this panel records from the trace while the run goes: every window operator's panes and late records. */
export function record(scenario: Scenario): WindowsRecorder {
  return new WindowsRecorder(scenario);
}

export function view(source: PanelSource, recorder: WindowsRecorder, request: WindowsRequest): WindowsView {
  return windowsView(source, recorder, request);
}
