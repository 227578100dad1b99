import { useState } from 'react';
import { ACKER_FILTERS, type AckerFilter, type AckerOnView } from '../../protocol/panels/acker.ts';
import { pointPanel } from '../../store/panels.ts';
import { useRun } from '../../store/run.ts';
import { AckingOff } from './acker/AckingOff.tsx';
import { Ledgers, PendingBuffers } from './acker/Buffers.tsx';
import { Counters } from './acker/Counters.tsx';
import { formatMs } from './acker/format.ts';
import { RootPicker } from './acker/RootPicker.tsx';
import { TreeDetail } from './acker/TreeDetail.tsx';
import { Panel, Waiting } from './Panel.tsx';

const FILTER_LABELS: Record<AckerFilter, string> = {
  all: 'All roots',
  failed: 'Failed or timed out',
  pending: 'Pending',
  replays: 'Replays',
};

function Tools({
  view,
  table,
  setTable,
}: {
  view: AckerOnView;
  table: boolean;
  setTable: (t: boolean) => void;
}) {
  return (
    <>
      <button
        type="button"
        aria-pressed={view.following}
        title="Show the newest root the filter lets through, as the run goes"
        onClick={() => pointPanel('acker', { root: null })}
      >
        Follow latest
      </button>
      <label>
        Show{' '}
        <select
          value={view.filter}
          onChange={(e) => pointPanel('acker', { filter: e.target.value as AckerFilter })}
        >
          {ACKER_FILTERS.map((f) => (
            <option key={f} value={f}>
              {FILTER_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" aria-pressed={table} onClick={() => setTable(!table)}>
        Table
      </button>
    </>
  );
}

function Body({ view, table }: { view: AckerOnView; table: boolean }) {
  return (
    <div className="acker">
      <Counters view={view} />
      <div className="acker-main">
        <RootPicker view={view} />
        <div className="acker-pane">
          {view.tree !== null ? (
            <TreeDetail tree={view.tree} table={table} />
          ) : view.missing !== null ? (
            <p>
              The tree of root {view.missing} is no longer kept: the playground keeps the trees of the{' '}
              {view.kept} newest roots.{' '}
              <button type="button" onClick={() => pointPanel('acker', { root: null })}>
                Follow latest
              </button>
            </p>
          ) : (
            <p className="muted">No root yet: play or step the run.</p>
          )}
        </div>
      </div>
      <div className="acker-books">
        <PendingBuffers sources={view.sources} max={view.settings.maxPending} />
        <Ledgers ackers={view.ackers} />
      </div>
      <p className="muted">
        As of t = {formatMs(view.time)}; timeout {formatMs(view.settings.timeout)}
        {view.nextTick === null ? '' : `, next timeout tick at ${formatMs(view.nextTick)}`}.
      </p>
    </div>
  );
}

/**
 * The acknowledger (Storm's acker): counters, a root picker, the chosen root's tuple tree with its
 * XOR ack value, attempts and replays, and the sources' pending buffers and the ackers' ledgers.
 */
export function AckerPanel() {
  const view = useRun((s) => s.frame?.panels.acker);
  const [table, setTable] = useState(false);
  return (
    <Panel
      name="acker"
      title="Acknowledger"
      tools={view?.mode === 'acking' ? <Tools view={view} table={table} setTable={setTable} /> : undefined}
    >
      {view === undefined ? (
        <Waiting />
      ) : view.mode === 'off' ? (
        <AckingOff view={view} />
      ) : (
        <Body view={view} table={table} />
      )}
    </Panel>
  );
}
