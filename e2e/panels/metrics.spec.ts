import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { MetricsPanel } from '../pages/MetricsPanel.ts';
import { Playground } from '../pages/Playground.ts';

const SYSTEM_USAGE = 'System usage job with a database outage';

function systemUsageRun() {
  const text = readFileSync(new URL('../../scenarios/system-usage.json', import.meta.url), 'utf8');
  return runScenario(parseScenarioText(text));
}

test.describe('metrics panel', () => {
  test('system usage run to the end: a chart per metric, totals equal to the engine counters, failures marked at 3000 and 6000 ms', async ({
    page,
  }, info) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const node = systemUsageRun();
    const component = (id: string) => node.snapshot.components.find((c) => c.id === id)!;
    const app = new Playground(page);
    const metrics = new MetricsPanel(page);
    await app.open();
    await app.openScenario(SYSTEM_USAGE);
    await metrics.open();
    await app.runToEnd();
    expect(await app.time()).toBe(node.virtualTimeMs);

    // One chart per metric, each named by its caption. No checkpoints in this run: said in words.
    for (const title of ['Throughput', 'End-to-end latency', 'Backlog', 'Accuracy']) {
      await expect(metrics.chart(title)).toBeVisible();
      await expect(metrics.chart(title).locator('.recharts-line').first()).toBeAttached();
    }
    await expect(metrics.region.getByText('Checkpoints: this run takes none')).toBeVisible();
    // Back-pressure: a chart when something was blocked on a full output, else a sentence.
    await expect(
      metrics.chart('Back-pressure').or(metrics.region.getByText('Back-pressure: no component')),
    ).toBeVisible();
    // The scripted failures (store outage at 3000 ms, crash at 6000 ms) and the restart at 7000 ms.
    await expect.poll(() => metrics.markerShapes('Throughput')).toEqual(['✕', '✕', '↻']);
    await page.screenshot({ path: info.outputPath('metrics-charts.png') });

    await metrics.showTable();
    const source = component('transactions');
    const sink = component('usage-writer');
    await expect.poll(() => metrics.total('Total records in')).toBe(source.received);
    expect(source.emitted).toBe(source.received);
    expect(await metrics.total('Total records out')).toBe(sink.processed);
    expect(await metrics.markers()).toEqual([
      [3000, 'failure'],
      [6000, 'failure'],
      [7000, 'restart'],
    ]);
    expect(errors).toEqual([]);
  });
});
