import { memo } from 'react';
import { pointList, type EventTimePoint, type EventTimeView } from '../../../protocol/panels/eventTime.ts';
import { formatCount } from '../../app/format.ts';
import { STATUS, WINDOW_STATE, formatMs, formatTime, formatWindow } from './format.ts';

/** Rows of records the table shows: the newest (the plot draws more). */
export const TABLE_ROWS = 200;

/** The plot in words: the records (newest first), then the windows with their state. */
export function EventTimeTable({ view }: { view: EventTimeView }) {
  const all = pointList(view);
  // The points are the newest of all the records seen: record number `first + i` is point i, a key
  // that stays with its record as newer ones push it down.
  const first = view.counts.total - all.length;
  const rows = all
    .map((point, i) => ({ point, seq: first + i }))
    .slice(-TABLE_ROWS)
    .reverse();
  return (
    <div className="et-tables">
      <table aria-label="Records by processing time and event time">
        <caption>
          The newest {formatCount(rows.length)} of {formatCount(view.counts.total)} records at{' '}
          {view.component}, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Processed at</th>
            <th scope="col">Event time</th>
            <th scope="col">Lateness</th>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">Instance</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ point, seq }) => (
            <PointRow key={seq} point={point} />
          ))}
        </tbody>
      </table>
      {view.windows.length > 0 && (
        <table aria-label="Windows">
          <caption>
            Windows ({formatCount(view.windows.length)} of {formatCount(view.windowsTotal)})
          </caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Window</th>
              <th scope="col">State</th>
              <th scope="col">Panes</th>
              <th scope="col">Instance</th>
            </tr>
          </thead>
          <tbody>
            {view.windows.map((w) => (
              <tr key={`${w.instance} ${w.key} ${w.start} ${w.end}`}>
                <td>{w.key}</td>
                <td>{formatWindow(w.start, w.end)}</td>
                <td>{WINDOW_STATE[w.state].word}</td>
                <td>{formatCount(w.panes)}</td>
                <td>{w.instance}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** One record; drawn again only when it is another record (rows move down as new ones come). */
const PointRow = memo(
  function PointRow({ point: p }: { point: EventTimePoint }) {
    return (
      <tr className={`et-row-${p.status}`}>
        <td>{formatMs(p.time)}</td>
        <td>{formatMs(p.eventTime)}</td>
        <td>
          <span aria-hidden="true" style={{ color: STATUS[p.status].color }}>
            {STATUS[p.status].mark}
          </span>{' '}
          {STATUS[p.status].word}
        </td>
        <td>{p.key}</td>
        <td>{p.value === null ? 'none' : formatTime(p.value)}</td>
        <td>{p.instance}</td>
      </tr>
    );
  },
  (a, b) =>
    a.point.id === b.point.id &&
    a.point.time === b.point.time &&
    a.point.status === b.point.status &&
    a.point.instance === b.point.instance,
);
