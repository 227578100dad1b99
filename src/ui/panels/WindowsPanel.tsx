import type { WindowsView } from '../../protocol/panels/windows.ts';
import { pointPanel } from '../../store/panels.ts';
import { useRun } from '../../store/run.ts';
import { formatCount } from '../app/format.ts';
import { Panel, Waiting } from './Panel.tsx';
import { describeSettings } from './windows/format.ts';
import { PanesTable } from './windows/PanesTable.tsx';
import { Stragglers } from './windows/Stragglers.tsx';
import { useThrottled } from './eventTime/useThrottled.ts';

/** How often the lists redraw while the run plays (the totals follow every frame). */
const LISTS_EVERY_MS = 250;

/** A window operator's results: its panes with their timing, the corrections, the stragglers it dropped. */
export function WindowsPanel() {
  const view = useRun((s) => s.frame?.panels.windows);
  return (
    <Panel
      name="windows"
      title="Windows"
      tools={
        view && view.operators.length > 0 ? (
          <label>
            Window operator{' '}
            <select
              value={view.component ?? ''}
              onChange={(e) => pointPanel('windows', { component: e.target.value })}
            >
              {view.operators.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        ) : null
      }
    >
      {view ? <Body view={view} /> : <Waiting />}
    </Panel>
  );
}

function Body({ view }: { view: WindowsView }) {
  const listed = useThrottled(view, LISTS_EVERY_MS);
  if (view.component === null || view.settings === null) {
    return <p>This job has no window operator. Add a “window” from the palette to see its panes here.</p>;
  }
  const { totals, late } = view;
  return (
    <div className="win-body">
      <p>{describeSettings(view.settings)}</p>
      <ul className="win-totals" aria-label="Totals">
        <li>
          Panes <strong>{formatCount(totals.panes)}</strong>: {formatCount(totals.early)} early,{' '}
          {formatCount(totals.onTime)} on time, {formatCount(totals.late)} late
        </li>
        <li>
          ✎ corrections <strong>{formatCount(totals.corrections)}</strong>
        </li>
        {view.settings.accumulation === 'accumulating-retracting' && (
          <li>
            ↶ retractions <strong>{formatCount(totals.retractions)}</strong>
          </li>
        )}
        <li>
          ✕ dropped stragglers <strong>{formatCount(late.dropped)}</strong>
        </li>
        {view.settings.lateData === 'side-output' && (
          <li>
            ▲ to the side output <strong>{formatCount(late.sideOutput)}</strong>
          </li>
        )}
        <li>
          ◆ late, accepted <strong>{formatCount(late.accepted)}</strong>
        </li>
      </ul>
      <Stragglers stragglers={listed.stragglers} />
      <PanesTable panes={listed.panes} total={listed.totals.panes} settings={view.settings} />
    </div>
  );
}
