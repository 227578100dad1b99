import { describe, expect, it } from 'vitest';
import eventTimeScores from '../../../scenarios/event-time-scores.json';
import idlePartition from '../../../scenarios/idle-partition.json';
import lateScores from '../../../scenarios/late-scores.json';
import lateSessions from '../../../scenarios/late-sessions.json';
import systemUsage from '../../../scenarios/system-usage.json';
import { parseScenario, runScenario, type SinkRow } from '../../engine/index.ts';
import { WindowsView, type PaneRow, type WindowsRequest } from '../../protocol/panels/windows.ts';
import { panelsAt } from './eventTime/hostRun.ts';

/** The windows view of `scenario` at `until` (or its end), and runScenario stopped at the same time. */
function both(scenario: unknown, request: WindowsRequest = {}, until?: number) {
  const { views, time } = panelsAt(scenario, { windows: request }, until);
  const view = WindowsView.parse(views.windows);
  const direct = runScenario(parseScenario(scenario), until === undefined ? {} : { until: time });
  const component = (id: string) => direct.snapshot.components.find((c) => c.id === id)!;
  return { view, direct, component };
}

/** What a pane row and a sink row with a pane have in common. */
const fromRow = (r: SinkRow) => ({
  key: r.key,
  value: r.value,
  start: r.pane!.start,
  end: r.pane!.end,
  timing: r.pane!.timing,
  index: r.pane!.index,
  retraction: r.pane!.retraction,
  emittedAt: r.pane!.emittedAt,
  clock: r.pane!.watermark,
});
const fromPane = ({ key, value, start, end, timing, index, retraction, emittedAt, clock }: PaneRow) => ({
  key,
  value,
  start,
  end,
  timing,
  index,
  retraction,
  emittedAt,
  clock,
});

describe('windows panel: late-scores', () => {
  it('the panes, newest first, are the sink rows runScenario reports; the late pane corrects TeamA', () => {
    const { view, direct, component } = both(lateScores);
    expect(view.component).toBe('team-sums');
    expect(view.operators).toEqual([{ id: 'team-sums', name: '10-second sums' }]);
    expect(view.panes.map(fromPane)).toEqual(direct.sinks.scoreboard!.map(fromRow).reverse());
    const late = view.panes.find((p) => p.timing === 'LATE')!;
    expect(late).toMatchObject({ key: 'TeamA', value: 9, start: 0, end: 10000, index: 1 });
    expect(late.correction).toEqual({ previous: 5 });
    expect(view.panes.filter((p) => p.correction !== null)).toHaveLength(1);
    expect(view.totals).toEqual({ panes: 6, early: 0, onTime: 5, late: 1, retractions: 0, corrections: 1 });
    expect(view.late).toEqual({ dropped: component('team-sums').lateDropped, sideOutput: 0, accepted: 1 });
    expect(view.late.dropped).toBe(1);
    expect(view.stragglers).toEqual([
      {
        id: expect.any(Number),
        instance: 'team-sums#0',
        key: 'TeamB',
        value: 7,
        eventTime: 7000,
        arrivedAt: 20001,
        clock: 16999,
        windows: [{ start: 0, end: 10000 }],
        outcome: 'dropped',
      },
    ]);
    expect(view.settings).toMatchObject({
      window: { type: 'tumbling', size: 10000 },
      accumulation: 'accumulating',
      allowedLateness: 5000,
      clock: 'watermark',
      lateData: 'drop',
    });
  });

  it('at 14 s: the on-time panes only, as the sink has them then; nothing dropped yet', () => {
    const { view, direct } = both(lateScores, {}, 14_000);
    expect(view.panes.map(fromPane)).toEqual(direct.sinks.scoreboard!.map(fromRow).reverse());
    expect(view.panes.map((p) => `${p.key} ${p.value} ${p.timing}`)).toEqual([
      'TeamB 9 ON_TIME',
      'TeamA 5 ON_TIME',
    ]);
    expect(view.late).toEqual({ dropped: 0, sideOutput: 0, accepted: 0 });
  });
});

describe('windows panel: the other window scenarios', () => {
  it('event-time-scores: early, on-time and late panes; a pane that changes its window is a correction', () => {
    const { view, direct } = both(eventTimeScores);
    expect(view.panes.map(fromPane)).toEqual(direct.sinks.scoreboard!.map(fromRow).reverse());
    const byWindow = (start: number) =>
      view.panes
        .filter((p) => p.start === start)
        .reverse()
        .map((p) => `${p.timing} ${p.value}${p.correction ? ` (was ${p.correction.previous})` : ''}`);
    // Streaming Systems' team scores: the first window's on-time 5 was wrong; its late pane fixes it.
    expect(byWindow(0)).toEqual(['EARLY 5', 'ON_TIME 5', 'LATE 14 (was 5)']);
    expect(byWindow(120000)).toEqual(['EARLY 10', 'ON_TIME 18 (was 10)']);
    expect(view.totals.corrections).toBe(view.panes.filter((p) => p.correction !== null).length);
    expect(view.totals.panes).toBe(direct.sinks.scoreboard!.length);
  });

  it('event-time-scores, discarding: a later pane that adds something is a correction, an empty one is not', () => {
    const discarding = structuredClone(eventTimeScores);
    discarding.job.components[1]!.accumulation = 'discarding';
    const { view } = both(discarding);
    const first = view.panes.filter((p) => p.start === 0).reverse();
    expect(first.map((p) => `${p.timing} ${p.value} ${p.correction !== null}`)).toEqual([
      'EARLY 5 false',
      'ON_TIME 0 false',
      'LATE 9 true',
    ]);
  });

  it('late-sessions: the late click went to the side output; accumulating-retracting shows retractions', () => {
    const { view, component } = both(lateSessions);
    expect(view.late).toEqual({ dropped: 0, sideOutput: 1, accepted: 0 });
    expect(component('visits').lateDropped).toBe(0);
    expect(view.stragglers.map((s) => [s.key, s.eventTime, s.outcome, s.windows])).toEqual([
      ['bob', 3000, 'side-output', [{ start: 3000, end: 8000 }]],
    ]);
    // The list aggregate's items travel with the pane.
    expect(view.panes.find((p) => p.key === 'ann' && p.start === 1000)!.items).toEqual([11, 12, 13, 14]);

    const retracting = structuredClone(lateSessions);
    Object.assign(retracting.job.components[1]!, {
      allowedLateness: 2000,
      accumulation: 'accumulating-retracting',
    });
    const { view: r, direct } = both(retracting);
    expect(r.panes.map(fromPane)).toEqual(direct.sinks.sessions!.map(fromRow).reverse());
    expect(r.totals.retractions).toBe(direct.sinks.sessions!.filter((row) => row.pane!.retraction).length);
    expect(r.totals.retractions).toBeGreaterThan(0);
    expect(r.late.accepted).toBe(1);
  });

  it('idle-partition: panes never come, the totals say so', () => {
    const { view } = both(idlePartition);
    expect(view.component).toBe('per-second');
    expect(view.panes).toEqual([]);
    expect(view.totals.panes).toBe(0);
  });

  it('a job without windows has no operator to show', () => {
    const { view } = both(systemUsage, {}, 100);
    expect(view).toMatchObject({ operators: [], component: null, settings: null, panes: [] });
  });
});

describe('windows panel: bounds', () => {
  it('keeps the newest 200 panes, newest first, with exact totals', () => {
    const many = structuredClone(idlePartition) as { job: { components: Record<string, unknown>[] } };
    Object.assign(many.job.components[0]!, {
      parallelism: 1,
      rate: 100,
      watermarks: { strategy: 'bounded-out-of-orderness', bound: 0 },
    });
    Object.assign(many.job.components[1]!, { window: { type: 'tumbling', size: 50 } });
    const { view, direct } = both(many);
    const rows = direct.sinks.dashboard!;
    expect(rows.length).toBeGreaterThan(200);
    expect(view.totals.panes).toBe(rows.length);
    expect(view.panes).toHaveLength(200);
    expect(view.panes.map(fromPane)).toEqual(rows.slice(-200).map(fromRow).reverse());
    expect(view.panes[0]!.seq).toBe(rows.length);
  });
});
