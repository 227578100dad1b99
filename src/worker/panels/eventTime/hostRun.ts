import type { PanelRequest, PanelViews } from '../../../protocol/panels.ts';
import { loaded, only, playTo } from '../../testHost.ts';

/**
 * For tests: a scenario loaded in an in-process host with `panels` watched, played to virtual time
 * `until` (or to its end), and the views of the frame then, with the frame's time.
 */
export function panelsAt(
  scenario: unknown,
  panels: PanelRequest,
  until?: number,
): { views: PanelViews; time: number; done: boolean } {
  const host = loaded(scenario);
  only(host.command({ type: 'watch', panels }).answers, 'ok');
  if (until !== undefined) playTo(host, until);
  else {
    only(host.command({ type: 'play', speed: 'max' }).answers, 'ok');
    while (host.queued > 0) host.slices(1);
  }
  const frame = host.pull();
  return { views: frame.panels, time: frame.time, done: frame.status === 'done' };
}
