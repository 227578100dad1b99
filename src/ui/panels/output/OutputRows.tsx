import type { OutputCell, OutputRow, OutputView } from '../../../protocol/panels/output.ts';
import { formatCount } from '../../app/format.ts';
import { CLASS_MARK, SHOW_CHOICES } from './classes.ts';
import { traceEvent } from './trace.ts';

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

/** The rows of the class(es) shown, aligned: the failure-free run's beside this run's. */
export function OutputRows({ view }: { view: OutputView }) {
  const label = SHOW_CHOICES.find((c) => c.show === view.show)!.label.toLowerCase();
  const caption =
    view.matching === 0
      ? `No ${label === 'all rows' ? 'rows' : label} rows.`
      : `${label === 'anomalies' ? 'Anomalies' : label === 'all rows' ? 'All rows, anomalies first' : `${label[0]!.toUpperCase()}${label.slice(1)} rows`}: ${
          view.rows.length < view.matching
            ? `the first ${formatCount(view.rows.length)} of ${formatCount(view.matching)}`
            : formatCount(view.matching)
        }`;
  if (view.matching === 0) return <p className="output-none">{caption}</p>;
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
