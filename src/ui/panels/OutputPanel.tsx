import type { OutputShow, OutputView } from '../../protocol/panels/output.ts';
import { pointPanel, usePanels } from '../../store/panels.ts';
import { useRun } from '../../store/run.ts';
import { formatCount } from '../app/format.ts';
import { SHOW_CHOICES } from './output/classes.ts';
import { OutputCauses, OutputTotals } from './output/OutputTotals.tsx';
import { OutputRows } from './output/OutputRows.tsx';
import { Transactions, UncommittedRows } from './output/Transactions.tsx';
import { Panel, Waiting } from './Panel.tsx';

const KIND_WORD: Record<OutputView['sinks'][number]['kind'], string> = {
  append: 'append',
  upsert: 'upsert',
  transactional: 'transactional',
};

/** Which sink to compare. */
function SinkPicker({ view }: { view: OutputView }) {
  // What was picked shows at once; the worker's view follows with the next frame.
  const picked = usePanels((s) => s.pointed.output?.sink);
  if (view.sinks.length === 0) return null;
  return (
    <label className="output-picker">
      Sink{' '}
      <select
        value={view.sinks.some((x) => x.id === picked) ? picked : (view.sink ?? '')}
        onChange={(e) => pointPanel('output', { sink: e.target.value })}
      >
        {view.sinks.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({KIND_WORD[s.kind]})
          </option>
        ))}
      </select>
    </label>
  );
}

/** Which rows to list. */
function ShowFilter({ shown }: { shown: OutputShow }) {
  const show = usePanels((s) => s.pointed.output?.show) ?? shown;
  return (
    <fieldset className="output-filter">
      <legend>Show</legend>
      {SHOW_CHOICES.map((c) => (
        <label key={c.show}>
          <input
            type="radio"
            name="output-show"
            value={c.show}
            checked={show === c.show}
            onChange={() => pointPanel('output', { show: c.show })}
          />{' '}
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** When the comparison shown was made. */
function ComparedAt({ view }: { view: OutputView }) {
  if (view.time === null) return <span className="muted">waiting for a comparison…</span>;
  return (
    <span
      className="output-when"
      aria-label="Compared at"
      title="When this run's sink was last compared with the failure-free run's (again and again while the run plays)"
    >
      vs failure-free run at t = {formatCount(Math.round(view.time))} ms{view.behind && ' (updating)'}
    </span>
  );
}

/**
 * The sink's output beside the failure-free run's: totals per class, the causes of the anomalies,
 * the rows aligned (anomalies first), and a transactional sink's committed and uncommitted rows.
 */
export function OutputPanel() {
  const view = useRun((s) => s.frame?.panels.output);
  return (
    <Panel
      name="output"
      title="Output"
      tools={
        view && (
          <>
            <SinkPicker view={view} />
            {view.sink !== null && <ComparedAt view={view} />}
          </>
        )
      }
    >
      {!view ? (
        <Waiting />
      ) : view.sink === null ? (
        <p className="muted">This job has no sink.</p>
      ) : (
        <div className="output-panel">
          {view.totals && <OutputTotals totals={view.totals} alignedBy={view.alignedBy} />}
          <OutputCauses causes={view.causes} />
          {view.transactions && <Transactions txns={view.transactions} />}
          <ShowFilter shown={view.show} />
          {view.totals && <OutputRows view={view} />}
          {view.transactions && <UncommittedRows txns={view.transactions} />}
        </div>
      )}
    </Panel>
  );
}
