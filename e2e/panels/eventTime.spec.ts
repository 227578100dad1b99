import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseScenario, runScenario, type TraceEvent } from '../../src/engine/index.ts';
import { EventTimePanel } from '../pages/EventTimePanel.ts';
import { Playground } from '../pages/Playground.ts';
import { WindowsPanel } from '../pages/WindowsPanel.ts';

const LATE_SCORES = 'Event time: allowed lateness, a late pane and a dropped straggler';
const STREAM_JOIN = 'Event time: a stream-stream outer join (Kafka Streams)';

const json = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8')) as {
    job: { components: Record<string, unknown>[] };
  };

/** The CLI's numbers for a scenario: its run, and the lateness verdicts its trace names. */
function cli(scenario: unknown) {
  const late: Extract<TraceEvent, { type: 'late' }>[] = [];
  const result = runScenario(parseScenario(scenario), {
    observer: (e) => {
      if (e.type === 'late') late.push(e);
    },
  });
  return { result, late };
}

/** As the panels print numbers: "20,001 ms". */
const count = (n: number) => new Intl.NumberFormat('en-US').format(n);
const ms = (n: number) => `${count(n)} ms`;

test.describe('event time and windows panels', () => {
  test('an event-time run where a straggler beyond lateness is dropped and one within lateness produces a late pane', async ({
    page,
  }, info) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const { result, late } = cli(json('late-scores.json'));
    const dropped = late.find((e) => e.outcome === 'dropped')!;
    const accepted = late.find((e) => e.outcome === 'accepted')!;
    const latePane = result.sinks.scoreboard!.find((r) => r.pane!.timing === 'LATE')!;
    const lateDropped = result.snapshot.components.find((c) => c.id === 'team-sums')!.lateDropped;
    expect(lateDropped).toBe(1);

    const app = new Playground(page);
    const eventTime = new EventTimePanel(page);
    const windows = new WindowsPanel(page);
    await app.open();
    await app.openScenario(LATE_SCORES);
    await eventTime.open();
    await windows.open();
    await app.runToEnd();

    // The plot's table view: the straggler beyond lateness is marked dropped, the one within it late.
    await eventTime.showTable();
    await expect(eventTime.record(dropped.key, ms(dropped.eventTime))).toContainText('✕ dropped');
    await expect(eventTime.record(dropped.key, ms(dropped.eventTime))).toContainText(ms(dropped.time));
    await expect(eventTime.record(accepted.key, ms(accepted.eventTime))).toContainText('◆ late, accepted');
    await expect(eventTime.region).toContainText(`late records dropped here: ${lateDropped}`);

    // The windows panel counts the dropped straggler and lists it with its window.
    await expect.poll(() => windows.total('dropped stragglers')).toBe(lateDropped);
    const straggler = windows.stragglers.getByRole('row').filter({ hasText: dropped.key });
    await expect(straggler).toContainText(ms(dropped.eventTime));
    await expect(straggler).toContainText('[0, 10,000)');
    await expect(straggler).toContainText('✕ dropped');

    // The late pane, for its key and window, with the values runScenario reports.
    const pane = latePane.pane!;
    const row = windows.panesOf(latePane.key, `[${count(pane.start)}, ${count(pane.end)})`).filter({
      has: page.getByRole('cell', { name: 'late', exact: true }),
    });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell')).toHaveText([
      latePane.key,
      `[${count(pane.start)}, ${count(pane.end)})`,
      count(latePane.value),
      'late',
      `#${pane.index}`,
      '✎ correction: was 5',
      ms(pane.emittedAt),
      ms(pane.watermark),
    ]);
    await expect(windows.panes.getByRole('row')).toHaveCount(result.sinks.scoreboard!.length + 1);
    await page.screenshot({ path: info.outputPath('late-scores-panels.png') });

    // Pointed at the source: the records it read, and its own watermark (the final one, at the end).
    await eventTime.region
      .getByRole('combobox', { name: 'Component' })
      .selectOption({ label: 'Scores (records-source)' });
    const scores = result.snapshot.components.find((c) => c.id === 'scores')!;
    expect(scores.instances[0]!.watermark).toBe(Infinity);
    await expect(eventTime.clocks).toHaveText('scores#0: watermark +∞ (end of input)');
    await expect(eventTime.records.getByRole('row')).toHaveCount(scores.processed + 1);
    expect(errors).toEqual([]);
  });

  test('the bound set in the panel is the source’s: the run starts over, and the straggler makes a late pane', async ({
    page,
  }) => {
    const changed = json('late-scores.json');
    Object.assign(changed.job.components[0]!, {
      watermarks: { strategy: 'bounded-out-of-orderness', bound: 6000 },
    });
    const { result } = cli(changed);
    const window = result.snapshot.components.find((c) => c.id === 'team-sums')!;
    expect(window.lateDropped).toBe(0);
    const latePane = result.sinks.scoreboard!.find((r) => r.pane!.timing === 'LATE')!;

    const app = new Playground(page);
    const eventTime = new EventTimePanel(page);
    const windows = new WindowsPanel(page);
    await app.open();
    await app.openScenario(LATE_SCORES);
    await eventTime.open();
    await windows.open();
    await expect(eventTime.bound('Scores')).toHaveValue('2000');
    await eventTime.setBound('Scores', 6000);
    await expect(eventTime.bound('Scores')).toHaveValue('6000');
    await expect(app.play).toBeEnabled();
    await app.runToEnd();
    await expect(app.traceHash).toHaveText(result.traceHash);
    await expect.poll(() => windows.total('dropped stragglers')).toBe(0);
    const row = windows.panesOf(latePane.key, '[0, 10,000)').filter({
      has: page.getByRole('cell', { name: 'late', exact: true }),
    });
    await expect(row).toContainText(`✎ correction: was 9`);
    await expect(row.getByRole('cell').nth(2)).toHaveText(count(latePane.value));
  });

  test('Kafka Streams mode shows the stream-time clock; a job without event time says so', async ({
    page,
  }) => {
    const { result } = cli(json('stream-join.json'));
    const join = result.snapshot.components.find((c) => c.id === 'joined')!;
    const app = new Playground(page);
    const eventTime = new EventTimePanel(page);
    await app.open();
    await eventTime.open();
    await expect(eventTime.region).toContainText('This job has no event time');
    await app.openScenario(STREAM_JOIN);
    await app.runToEnd();
    await expect(eventTime.region).toContainText('Kafka Streams mode');
    await expect(eventTime.clocks).toHaveText(`joined#0: stream time ${ms(join.streamTime!)}`);
  });
});
