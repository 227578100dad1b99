import { memo } from 'react';
import type { PaneRow, WindowSettings } from '../../../protocol/panels/windows.ts';
import { formatCount } from '../../app/format.ts';
import { formatMs, formatTime, formatWindow } from '../eventTime/format.ts';
import { TIMING, paneValue } from './format.ts';

/** What a pane is besides its value: a correction of an earlier pane, or a retraction of one. */
function note(p: PaneRow, accumulation: WindowSettings['accumulation']): string {
  if (p.retraction) return `↶ retraction: takes back ${paneValue(p)}`;
  if (p.correction === null) return '';
  if (accumulation === 'discarding') return '✎ correction: adds to the earlier panes';
  const was = p.correction.previous;
  return `✎ correction: was ${was === null ? 'none' : formatTime(was)}`;
}

/** The panes, newest first; corrections and retractions are marked with a shape and a word. */
export function PanesTable({
  panes,
  total,
  settings,
}: {
  panes: readonly PaneRow[];
  total: number;
  settings: WindowSettings;
}) {
  if (panes.length === 0) return <p className="muted">No pane yet.</p>;
  return (
    <table aria-label="Panes">
      <caption>
        The newest {formatCount(panes.length)} of {formatCount(total)} panes, newest first
      </caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Window</th>
          <th scope="col">Value</th>
          <th scope="col">Timing</th>
          <th scope="col">Pane</th>
          <th scope="col">Note</th>
          <th scope="col">Emitted at</th>
          <th scope="col">Clock then</th>
        </tr>
      </thead>
      <tbody>
        {panes.map((p) => (
          <PaneRowView key={p.seq} pane={p} accumulation={settings.accumulation} />
        ))}
      </tbody>
    </table>
  );
}

/**
 * One pane. A pane never changes once emitted (its number `seq` says which it is), so a row is
 * drawn once, not on every frame.
 */
const PaneRowView = memo(
  function PaneRowView({
    pane: p,
    accumulation,
  }: {
    pane: PaneRow;
    accumulation: WindowSettings['accumulation'];
  }) {
    const text = note(p, accumulation);
    const kind = p.retraction ? 'retraction' : p.correction ? 'correction' : '';
    return (
      <tr className={kind ? `pane-${kind}` : undefined}>
        <td>{p.key}</td>
        <td>{formatWindow(p.start, p.end)}</td>
        <td>{p.retraction ? `−${paneValue(p)}` : paneValue(p)}</td>
        <td>{TIMING[p.timing]}</td>
        <td>#{p.index}</td>
        <td>{text}</td>
        <td>{formatMs(p.emittedAt)}</td>
        <td>{formatMs(p.clock)}</td>
      </tr>
    );
  },
  (a, b) => a.pane.seq === b.pane.seq && a.accumulation === b.accumulation,
);
