import { memo, useCallback, useId, useMemo, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Marker, MarkerKind } from '../../../protocol/panels/metrics.ts';
import { formatCount } from '../../app/format.ts';
import type { Row } from './series.ts';
import { lineStyle, MARKER_STYLES } from './style.ts';

export interface SeriesSpec {
  readonly key: string;
  readonly label: string;
}

const TICK = { fontSize: 14, fill: '#1b1f24' };
const HEIGHT = 150;

/**
 * The y axis ends on a round number a little above the highest value, so a line at the top stays
 * visible and the ticks are round (0, 30, 60, 90, 120 for a highest value of 100).
 */
export function headroom(dataMax: number): number {
  if (!(dataMax > 0)) return 1;
  const target = dataMax * 1.05;
  const decade = 10 ** Math.floor(Math.log10(target));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * decade >= target)!;
  return step * decade;
}

/** Sparse series (a point per checkpoint or accuracy computation) draw their points. */
type Dots = 'none' | 'points';

interface ChartProps {
  readonly unit: string;
  readonly rows: readonly Row[];
  readonly series: readonly SeriesSpec[];
  readonly domain: [number, number];
  readonly markers: readonly Marker[];
  readonly yMax?: number;
  readonly dots: Dots;
  readonly format: (v: number) => string;
}

/**
 * One metric over virtual time: a titled figure (its caption is its accessible name), a line per
 * series with its own colour and dash pattern, a legend in words, and the run's markers as
 * vertical lines. Charts of the panel share the x axis (the whole run) and their tooltip (syncId).
 * A chart scrolled out of sight keeps its last picture and is redrawn when it comes back: a
 * recharts redraw costs tens of milliseconds, and the panel holds several.
 */
export function MetricChart({
  title,
  unit,
  rows,
  series,
  domain,
  markers,
  yMax,
  dots = 'none',
  format = formatCount,
}: Omit<ChartProps, 'dots' | 'format'> & {
  title: string;
  dots?: Dots;
  format?: (v: number) => string;
}) {
  const id = useId();
  const [ref, inView] = useInView<HTMLElement>();
  return (
    <figure className="metric-chart" aria-labelledby={id} ref={ref}>
      <figcaption id={id}>
        <span className="metric-title">{title}</span> <span className="metric-unit">({unit})</span>
      </figcaption>
      <Legend series={series} dots={dots} />
      <ChartBody
        frozen={!inView}
        unit={unit}
        rows={rows}
        series={series}
        domain={domain}
        markers={markers}
        {...(yMax === undefined ? {} : { yMax })}
        dots={dots}
        format={format}
      />
    </figure>
  );
}

/** Whether an element is (partly) on screen: inside its scrolling panel and the window. */
function useInView<T extends Element>(): [(el: T | null) => () => void, boolean] {
  const [inView, setInView] = useState(true);
  const ref = useCallback((el: T | null) => {
    if (el === null) return () => {};
    const observer = new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, inView];
}

/** The recharts chart; while frozen (out of sight) it is not redrawn at all. */
const ChartBody = memo(
  function ChartBody({
    unit,
    rows,
    series,
    domain,
    markers,
    yMax,
    dots,
    format,
  }: ChartProps & { frozen: boolean }) {
    const ticks = useMemo(() => niceTicks(domain[1]), [domain]);
    const lines = useMemo(() => markerLines(markers), [markers]);
    return (
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <LineChart
          data={rows as Row[]}
          syncId="metrics"
          syncMethod="value"
          margin={{ top: 18, right: 16, bottom: 0, left: 4 }}
        >
          <CartesianGrid stroke="#e5e8ec" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            tick={TICK}
            tickFormatter={(t: number) => `${formatCount(t)}`}
            unit=" ms"
          />
          <YAxis
            tick={TICK}
            width={64}
            domain={yMax === undefined ? [0, headroom] : [0, yMax]}
            allowDecimals={false}
            tickFormatter={(v: number) => format(v)}
          />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(t) => `t = ${formatCount(Number(t))} ms`}
            formatter={(v, name) => [typeof v === 'number' ? `${format(v)} ${unit}` : '—', name]}
          />
          {lines.map((l) => (
            <ReferenceLine
              key={l.time}
              x={l.time}
              stroke={l.color}
              strokeWidth={l.thin ? 1 : 2}
              strokeDasharray={l.dash}
              ifOverflow="hidden"
              label={{
                value: l.marks,
                position: 'top',
                fill: l.color,
                fontSize: 15,
                className: 'metric-marker',
              }}
            />
          ))}
          {series.map((s, i) => {
            const style = lineStyle(i);
            return (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                type="linear"
                stroke={style.color}
                strokeWidth={2.5}
                strokeDasharray={style.dash}
                dot={dots === 'points' ? <PointShape series={i} /> : false}
                activeDot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
    );
  },
  // Frozen: keep the last picture, whatever changed. Otherwise, redraw when anything did.
  (prev, next) => next.frozen || shallowEqual(prev, next),
);

function shallowEqual<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/** The series in words, each with a sample of its line (and its point's shape). */
function Legend({ series, dots }: { series: readonly SeriesSpec[]; dots: Dots }) {
  return (
    <ul className="metric-legend">
      {series.map((s, i) => {
        const style = lineStyle(i);
        return (
          <li key={s.key}>
            <svg width="36" height="14" aria-hidden="true">
              <line
                x1="0"
                y1="7"
                x2="36"
                y2="7"
                stroke={style.color}
                strokeWidth="2.5"
                strokeDasharray={style.dash}
              />
              {dots === 'points' && <PointShape series={i} cx={18} cy={7} />}
            </svg>
            {s.label}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A point: a circle for the first series, a square for the second, a triangle for the third.
 * (`series`, not `index`: recharts hands each point its own index.)
 */
function PointShape({ series, cx, cy }: { series: number; cx?: number; cy?: number }) {
  if (cx === undefined || cy === undefined || !Number.isFinite(cx) || !Number.isFinite(cy)) return null;
  const { color } = lineStyle(series);
  const r = 4.5;
  switch (series % 3) {
    case 0:
      return <circle cx={cx} cy={cy} r={r} fill={color} />;
    case 1:
      return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} fill={color} />;
    default:
      return (
        <polygon
          points={`${cx},${cy - r - 1} ${cx + r + 1},${cy + r} ${cx - r - 1},${cy + r}`}
          fill={color}
        />
      );
  }
}

/** Ticks at multiples of a 1-2-5 step, three to six of them, from 0 (never the ragged end of the run). */
export function niceTicks(max: number): number[] {
  const rough = max / 6;
  const decade = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  const step = [1, 2, 5, 10].map((m) => m * decade).find((s) => s >= rough) ?? 10 * decade;
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return ticks;
}

/** The order in which a marker's look wins when several fall at one time (the failure first). */
const PRECEDENCE: readonly MarkerKind[] = [
  'failure',
  'job-failed',
  'failover',
  'checkpoint-failed',
  'restart',
  'checkpoint',
];

/** One vertical line per time: markers at the same time share it, their shapes side by side. */
export function markerLines(
  markers: readonly Marker[],
): { time: number; marks: string; color: string; dash: string; thin: boolean }[] {
  const byTime = new Map<number, MarkerKind[]>();
  for (const m of markers) {
    const kinds = byTime.get(m.time) ?? [];
    if (!kinds.includes(m.kind)) kinds.push(m.kind);
    byTime.set(m.time, kinds);
  }
  return [...byTime].map(([time, kinds]) => {
    const sorted = [...kinds].sort((a, b) => PRECEDENCE.indexOf(a) - PRECEDENCE.indexOf(b));
    const first = MARKER_STYLES[sorted[0]!];
    return {
      time,
      marks: sorted.map((k) => MARKER_STYLES[k].mark).join(' '),
      color: first.color,
      dash: first.dash,
      thin: sorted[0] === 'checkpoint',
    };
  });
}
