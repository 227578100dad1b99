import { describe, expect, it } from 'vitest';
import lateScores from '../../../../scenarios/late-scores.json';
import { EventTimeView } from '../../../protocol/panels/eventTime.ts';
import { panelsAt } from '../../../worker/panels/eventTime/hostRun.ts';
import { BANDS_DRAWN, axisWidth, bands, clockLine, niceTicks, ranges } from './plot.ts';

const view = (until?: number) =>
  EventTimeView.parse(panelsAt(lateScores, { eventTime: {} }, until).views.eventTime);

describe('the event-time plot', () => {
  it('spans every record and clock value, and the windows that overlap them, up to now', () => {
    const v = view(17_000);
    const { x, y } = ranges(v);
    expect(x[1]).toBe(17_000);
    expect(x[0]).toBe(1001);
    // The first watermark, 1000 − 2000 − 1, up to event time 15000, widened to the end of the
    // window [10000, 20000).
    expect(y).toEqual([-1001, 20000]);
  });

  it('draws a clock as steps up to now; the final watermark at the top', () => {
    const v = view();
    const { x, y } = ranges(v);
    const line = clockLine(v.instances[0]!.steps, x, y);
    expect(line.at(-1)).toEqual({ time: x[1], eventTime: y[1], final: true });
    const values = line.filter((p) => !p.final).map((p) => p.eventTime);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('one band per window bounds, its label counting the keys in each state', () => {
    const v = view(17_000);
    expect(bands(v.windows, ranges(v).y)).toEqual([
      { start: 0, end: 10000, state: 'fired', label: 'fired ×2' },
      { start: 10000, end: 20000, state: 'open', label: 'open ×2' },
    ]);
    const many = Array.from({ length: 40 }, (_, i) => ({
      instance: 'w#0',
      key: 'k',
      start: i * 10,
      end: i * 10 + 10,
      state: 'open' as const,
      panes: 0,
    }));
    // A band with too little in view to hold its label is drawn without one.
    expect(bands([{ ...many[0]!, start: 19000, end: 21000 }], [0, 20000])).toEqual([
      { start: 19000, end: 20000, state: 'open', label: '' },
    ]);
    const drawn = bands(many, [0, 400]);
    expect(drawn).toHaveLength(BANDS_DRAWN);
    expect(drawn.at(-1)!.start).toBe(390);
  });
});

describe('axis ticks', () => {
  it('are round numbers within the range', () => {
    expect(niceTicks([-1001, 20000])).toEqual([0, 5000, 10000, 15000, 20000]);
    expect(niceTicks([1001, 21502])).toEqual([5000, 10000, 15000, 20000]);
    expect(niceTicks([0, 1])).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks([5, 5])).toEqual([5]);
  });

  it('leave the y axis room for its widest label', () => {
    const format = (t: number) => new Intl.NumberFormat('en-US').format(t);
    expect(axisWidth([0, 5000], format)).toBe(Math.ceil(5 * 8.5) + 30);
    expect(axisWidth([912000, 914000], format)).toBeGreaterThan(axisWidth([0, 5000], format));
  });
});
