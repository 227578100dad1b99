import { useState } from 'react';
import { POINTS_SHOWN, type EventTimeView } from '../../protocol/panels/eventTime.ts';
import { pointPanel } from '../../store/panels.ts';
import { useRun } from '../../store/run.ts';
import { formatCount } from '../app/format.ts';
import { BoundFields } from './eventTime/BoundFields.tsx';
import { EventTimeChart } from './eventTime/EventTimeChart.tsx';
import { EventTimeTable } from './eventTime/EventTimeTable.tsx';
import { STATUS, STATUS_ORDER, formatMs } from './eventTime/format.ts';
import { useThrottled } from './eventTime/useThrottled.ts';
import { Panel, Waiting } from './Panel.tsx';

/** How often the plot and its table redraw while the run plays (the numbers beside them follow every frame). */
const PLOT_EVERY_MS = 250;

/**
 * Event time at one component: its records by processing time and event time, each instance's
 * watermark (or stream time), its windows, and what lateness made of each record.
 */
export function EventTimePanel() {
  const view = useRun((s) => s.frame?.panels.eventTime);
  const [table, setTable] = useState(false);
  return (
    <Panel
      name="eventTime"
      title="Event time"
      tools={
        view && view.components.length > 0 ? (
          <>
            <label>
              Component{' '}
              <select
                value={view.component ?? ''}
                onChange={(e) => pointPanel('eventTime', { component: e.target.value })}
              >
                {view.components.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.kind})
                  </option>
                ))}
              </select>
            </label>
            <button type="button" aria-pressed={table} onClick={() => setTable((t) => !t)}>
              Table
            </button>
          </>
        ) : null
      }
    >
      {view ? <Body view={view} table={table} /> : <Waiting />}
    </Panel>
  );
}

function Body({ view, table }: { view: EventTimeView; table: boolean }) {
  const plotted = useThrottled(view, PLOT_EVERY_MS);
  if (view.component === null) {
    return (
      <p className="et-none">
        This job has no event time: no source emits watermarks, and no window or join keeps stream time. Give
        a source a watermark strategy (its “watermarks” setting) to watch event time here.
      </p>
    );
  }
  return (
    <div className="et-body">
      <div className="et-layout">
        <div className="et-main">
          {table ? <EventTimeTable view={plotted} /> : <EventTimeChart view={plotted} />}
        </div>
        <div className="et-side">
          <Clocks view={view} />
          <Legend view={view} />
          {view.clock === 'watermark' && <BoundFields sources={view.sources} />}
        </div>
      </div>
    </div>
  );
}

/** Each instance's clock now, in words; Kafka Streams mode says which clock it is. */
function Clocks({ view }: { view: EventTimeView }) {
  const stream = view.clock === 'stream-time';
  return (
    <div className="et-clocks">
      {stream && (
        <p>
          Kafka Streams mode: {view.components.find((c) => c.id === view.component)?.name} goes by{' '}
          <strong>stream time</strong>, the largest event time it has seen. Only records move it; watermarks
          do not.
        </p>
      )}
      <ul aria-label="Clocks">
        {view.instances.map((i) => (
          <li key={i.name}>
            {i.name}: {stream ? 'stream time' : 'watermark'} <strong>{formatMs(i.current)}</strong>
            {i.idle && <span className="et-idle"> (idle: it does not hold event time back)</span>}
          </li>
        ))}
      </ul>
      {view.allowedLateness !== null && (
        <p>
          {stream ? 'Grace' : 'Allowed lateness'}: {formatMs(view.allowedLateness)} · late records dropped
          here: <strong>{formatCount(view.lateDropped)}</strong>
        </p>
      )}
    </div>
  );
}

/** The marks of the plot and the table, with how many records carry each (since time 0). */
function Legend({ view }: { view: EventTimeView }) {
  const counts = {
    'on-time': view.counts.onTime,
    late: view.counts.late,
    dropped: view.counts.dropped,
    'side-output': view.counts.sideOutput,
  };
  const clockWord = view.clock === 'stream-time' ? 'stream time' : 'watermark';
  return (
    <div className="et-legend">
      <ul aria-label="Records by lateness">
        {STATUS_ORDER.map((s) => (
          <li key={s}>
            <span aria-hidden="true" style={{ color: STATUS[s].color }}>
              {STATUS[s].mark}
            </span>{' '}
            {STATUS[s].word} {formatCount(counts[s])}
          </li>
        ))}
      </ul>
      <p className="muted">
        Across: processing time (ms); up: event time (ms). Step line: the {clockWord}
        {view.instances.length > 1 ? ', one per instance, dashed differently' : ''}. Bands: windows.{' '}
        {view.counts.total > POINTS_SHOWN
          ? `The newest ${formatCount(POINTS_SHOWN)} of ${formatCount(view.counts.total)} records are drawn.`
          : `All ${formatCount(view.counts.total)} records are drawn.`}
      </p>
    </div>
  );
}
