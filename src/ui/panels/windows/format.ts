import type { PaneRow, WindowSettings } from '../../../protocol/panels/windows.ts';
import { formatCount } from '../../app/format.ts';
import { formatTime } from '../eventTime/format.ts';

/** A pane's timing in the Dataflow model's words. */
export const TIMING: Record<PaneRow['timing'], string> = { EARLY: 'early', ON_TIME: 'on time', LATE: 'late' };

/** A pane's value: the aggregate, a list's items, or "none" (min, max, average of an empty pane). */
export function paneValue(p: Pick<PaneRow, 'value' | 'items'>): string {
  if (p.items) return `[${p.items.map(formatTime).join(', ')}]`;
  return p.value === null ? 'none' : formatTime(p.value);
}

/** The operator's settings in one sentence a teacher can read out. */
export function describeSettings(s: WindowSettings): string {
  const w = s.window;
  const ms = (x: number | undefined) => `${formatCount(x ?? 0)} ms`;
  const windows =
    w.type === 'tumbling'
      ? `tumbling windows of ${ms(w.size)}`
      : w.type === 'session'
        ? `sessions with a gap of ${ms(w.gap)}`
        : w.type === 'global'
          ? 'one global window per key'
          : `${w.type} windows of ${ms(w.size)} every ${ms(w.slide)}`;
  const clock = s.clock === 'watermark' ? 'on the watermark' : 'on stream time (Kafka Streams)';
  const lateness = s.clock === 'watermark' ? 'allowed lateness' : 'grace';
  const late = s.lateData === 'drop' ? 'later records dropped' : 'later records to the side output';
  return `${s.aggregate} over ${windows}, ${clock}; ${s.accumulation} panes; ${lateness} ${ms(s.allowedLateness)}, ${late}.`;
}
