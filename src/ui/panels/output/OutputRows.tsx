import type { OutputCell, OutputRow, OutputShow, OutputView } from '../../../protocol/panels/output.ts';
import { formatCount } from '../../app/format.ts';
import { CLASS_MARK } from './classes.ts';
import { traceEvent } from '../traceEvent.ts';

/** A side of a row: its value, the event that wrote it (and an upsert key's writes). */
function Cell({ cell }: { cell: OutputCell | null }) {
  if (cell === null) return <span className="muted">—</span>;
  return (
    <>
      <strong>{Number.isNaN(cell.value) ? 'null' : cell.value}</strong>{' '}
      <span className="muted">
        event {cell.event}
        {cell.writes !== undefined && ` · ${cell.writes} ${cell.writes === 1 ? 'write' : 'writes'}`}
      </span>
    </>
  );
}

function Row({ row }: { row: OutputRow }) {
  const mark = CLASS_MARK[row.class];
  return (
    <tr className={`output-row output-${row.class}`} data-event-id={row.event}>
      <td className={`output-class output-${row.class}`}>
        <span aria-hidden="true" className="output-glyph">
          {mark.glyph}
        </span>{' '}
        {mark.word}
      </td>
      <td>{row.key}</td>
      <td>
        <Cell cell={row.expected} />
      </td>
      <td>
        <Cell cell={row.actual} />
      </td>
      <td className="output-why">{row.why?.text ?? ''}</td>
      <td>
        <button type="button" className="output-trace" onClick={() => traceEvent(row.event)}>
          Trace event {row.event}
        </button>
      </td>
    </tr>
  );
}

/** What the listed rows are called. */
const NOUN: Record<OutputShow, string> = {
  anomalies: 'anomalies',
  all: 'rows',
  correct: 'correct rows',
  missing: 'missing rows',
  duplicated: 'duplicated rows',
  wrong: 'wrong rows',
};

/** The rows of the class(es) shown, aligned: the failure-free run's beside this run's. */
export function OutputRows({ view }: { view: OutputView }) {
  const noun = NOUN[view.show];
  if (view.matching === 0) return <p className="output-none">No {noun}.</p>;
  const title =
    view.show === 'all' ? 'All rows, anomalies first' : `${noun[0]!.toUpperCase()}${noun.slice(1)}`;
  const count =
    view.rows.length < view.matching
      ? `${formatCount(view.matching)} (the first ${formatCount(view.rows.length)} listed)`
      : formatCount(view.matching);
  const caption = `${title}: ${count}`;
  return (
    <table className="output-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Key</th>
          <th scope="col">Failure-free run</th>
          <th scope="col">This run</th>
          <th scope="col">Why</th>
          <th scope="col">
            <span className="visually-hidden">Lineage</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {view.rows.map((row, i) => (
          <Row key={i} row={row} />
        ))}
      </tbody>
    </table>
  );
}
