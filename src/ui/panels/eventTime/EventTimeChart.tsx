import { memo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  XAxis,
  YAxis,
  useXAxisScale,
  useYAxisScale,
} from 'recharts';
import {
  pointList,
  type EventTimePoint,
  type EventTimeView,
  type PointStatus,
} from '../../../protocol/panels/eventTime.ts';
import { STATUS, STATUS_ORDER, WINDOW_STATE, formatTime } from './format.ts';
import { axisWidth, bands, clockLine, niceTicks, padded, ranges } from './plot.ts';

/** Dash patterns of the clock lines, one per instance: lines are told apart without colour. */
const LINE_DASHES = ['', '8 4', '3 3', '12 4 3 4'];
const TICK = { fontSize: 14, fill: '#1b1f24' };

/** The marks' half size, px. */
const R = 6;

/** One mark as path commands: the same shapes as the legend and the table (●, ◆, ✕, ▲). */
function mark(status: PointStatus, x: number, y: number): string {
  switch (status) {
    case 'on-time':
      return `M${x - R + 1} ${y}a${R - 1} ${R - 1} 0 1 0 ${2 * (R - 1)} 0a${R - 1} ${R - 1} 0 1 0 ${-2 * (R - 1)} 0`;
    case 'late':
      return `M${x} ${y - R - 1}L${x + R + 1} ${y}L${x} ${y + R + 1}L${x - R - 1} ${y}Z`;
    case 'dropped':
      return `M${x - R} ${y - R}L${x + R} ${y + R}M${x - R} ${y + R}L${x + R} ${y - R}`;
    case 'side-output':
      return `M${x} ${y - R - 1}L${x + R + 1} ${y + R}L${x - R - 1} ${y + R}Z`;
  }
}

/**
 * The records as marks, one SVG path per lateness (a thousand React elements per redraw would
 * cost more than the whole frame), placed with the chart's own scales.
 */
function PointMarks({ points }: { points: readonly EventTimePoint[] }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (xScale === undefined || yScale === undefined) return null;
  const paths: Record<PointStatus, string[]> = { 'on-time': [], late: [], dropped: [], 'side-output': [] };
  for (const p of points) {
    const x = xScale(p.time);
    const y = yScale(p.eventTime);
    if (x !== undefined && y !== undefined) paths[p.status].push(mark(p.status, x, y));
  }
  return (
    <g className="et-marks">
      {STATUS_ORDER.map((status) =>
        paths[status].length === 0 ? null : status === 'dropped' ? (
          <path
            key={status}
            d={paths[status].join('')}
            stroke={STATUS[status].color}
            strokeWidth={3}
            fill="none"
          />
        ) : (
          <path key={status} d={paths[status].join('')} fill={STATUS[status].color} />
        ),
      )}
    </g>
  );
}

/**
 * The event-time × processing-time plot: records as points (x: when the component processed them,
 * y: their event time), each instance's clock as a step line, windows as bands on the event-time
 * axis. Decorative for assistive technology: the table view says the same in words.
 */
export const EventTimeChart = memo(function EventTimeChart({ view }: { view: EventTimeView }) {
  const r = ranges(view);
  const x = padded(r.x);
  const y = padded(r.y);
  const yTicks = niceTicks(r.y, 4);
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
            ticks={yTicks}
            tick={TICK}
            tickFormatter={formatTime}
            width={axisWidth(yTicks, formatTime)}
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
          <PointMarks points={pointList(view)} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
});
