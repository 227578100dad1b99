import type { Scenario } from '../../engine/index.ts';
import type { EventTimeRequest, EventTimeView } from '../../protocol/panels/eventTime.ts';
import { EventTimeRecorder } from './eventTime/EventTimeRecorder.ts';
import { eventTimeView } from './eventTime/view.ts';
import type { PanelSource } from './types.ts';

/** What this panel records from the trace while the run goes: records, clocks and windows per component. */
export function record(scenario: Scenario): EventTimeRecorder {
  return new EventTimeRecorder(scenario);
}

export function view(
  source: PanelSource,
  recorder: EventTimeRecorder,
  request: EventTimeRequest,
): EventTimeView {
  return eventTimeView(source, recorder, request);
}
