import { memo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Scatter,
  XAxis,
  YAxis,
} from 'recharts';
import {
  pointList,
  type EventTimePoint,
  type EventTimeView,
  type PointStatus,
} from '../../../protocol/panels/eventTime.ts';
import { STATUS, STATUS_ORDER, WINDOW_STATE, formatTime } from './format.ts';
import { bands, clockLine, niceTicks, padded, ranges } from './plot.ts';

/** Dash patterns of the clock lines, one per instance: lines are told apart without colour. */
const LINE_DASHES = ['', '8 4', '3 3', '12 4 3 4'];
const TICK = { fontSize: 14, fill: '#1b1f24' };

/** The point shapes: the same marks as the legend and the table (●, ◆, ✕, ▲). */
function PointShape({ cx, cy, status }: { cx?: number; cy?: number; status: PointStatus }) {
  if (cx === undefined || cy === undefined) return null;
  const color = STATUS[status].color;
  const r = 6;
  switch (status) {
    case 'on-time':
      return <circle cx={cx} cy={cy} r={r - 1} fill={color} />;
    case 'late':
      return (
        <path
          d={`M${cx} ${cy - r - 1}L${cx + r + 1} ${cy}L${cx} ${cy + r + 1}L${cx - r - 1} ${cy}Z`}
          fill={color}
        />
      );
    case 'dropped':
      return (
        <path
          d={`M${cx - r} ${cy - r}L${cx + r} ${cy + r}M${cx - r} ${cy + r}L${cx + r} ${cy - r}`}
          stroke={color}
          strokeWidth={3}
        />
      );
    case 'side-output':
      return (
        <path d={`M${cx} ${cy - r - 1}L${cx + r + 1} ${cy + r}L${cx - r - 1} ${cy + r}Z`} fill={color} />
      );
  }
}

const shapes = Object.fromEntries(
  STATUS_ORDER.map((status) => [
    status,
    (props: { cx?: number; cy?: number }) => <PointShape {...props} status={status} />,
  ]),
) as Record<PointStatus, (props: { cx?: number; cy?: number }) => React.JSX.Element | null>;

/**
 * The event-time × processing-time plot: records as points (x: when the component processed them,
 * y: their event time), each instance's clock as a step line, windows as bands on the event-time
 * axis. Decorative for assistive technology: the table view says the same in words.
 */
export const EventTimeChart = memo(function EventTimeChart({ view }: { view: EventTimeView }) {
  const r = ranges(view);
  const x = padded(r.x);
  const y = padded(r.y);
  const byStatus = new Map<PointStatus, EventTimePoint[]>(STATUS_ORDER.map((s) => [s, []]));
  for (const p of pointList(view)) byStatus.get(p.status)!.push(p);
  return (
    <div className="et-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart margin={{ top: 8, right: 8, bottom: 24, left: 4 }}>
          <CartesianGrid stroke="#e3e7ec" />
          <XAxis
            type="number"
            dataKey="time"
            domain={[x[0], x[1]]}
            allowDataOverflow
            ticks={niceTicks(r.x, 4)}
            tick={TICK}
            tickFormatter={formatTime}
            label={{ value: 'processing time', position: 'insideBottom', offset: -16, fontSize: 14 }}
          />
          <YAxis
            type="number"
            dataKey="eventTime"
            domain={[y[0], y[1]]}
            allowDataOverflow
            ticks={niceTicks(r.y, 4)}
            tick={TICK}
            tickFormatter={formatTime}
            width={70}
            label={{ value: 'event time', angle: -90, position: 'insideLeft', offset: 0, fontSize: 14 }}
          />
          {bands(view.windows, y).map((b) => (
            <ReferenceArea
              key={`${b.start} ${b.end}`}
              y1={b.start}
              y2={b.end}
              fill={WINDOW_STATE[b.state].fill}
              fillOpacity={b.state === 'open' || b.state === 'fired' ? 0.18 : 0.08}
              stroke={WINDOW_STATE[b.state].fill}
              strokeDasharray={WINDOW_STATE[b.state].dash}
              ifOverflow="hidden"
              label={{ value: b.label, position: 'insideTopLeft', fontSize: 14, fill: '#1b1f24' }}
            />
          ))}
          {view.instances.map((inst, i) => (
            <Line
              key={inst.name}
              data={clockLine(inst.steps, x, y)}
              dataKey="eventTime"
              type="stepAfter"
              stroke="#1b1f24"
              strokeWidth={2}
              strokeDasharray={LINE_DASHES[i % LINE_DASHES.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          {STATUS_ORDER.map((status) => (
            <Scatter
              key={status}
              data={byStatus.get(status)}
              shape={shapes[status]}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
});
