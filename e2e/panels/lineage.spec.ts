import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { engineFor, parseScenarioText } from '../../src/engine/index.ts';
import { Playground } from '../pages/Playground.ts';

const systemUsage = parseScenarioText(
  readFileSync(new URL('../../scenarios/system-usage.json', import.meta.url), 'utf8'),
);

test.describe('event lineage', () => {
  test('a click on a moving record shows its way through the job, with the engine’s times processed and delivered', async ({
    page,
  }) => {
    const app = new Playground(page);
    await app.open();
    await app.speed.selectOption({ label: '0.1×' });
    await app.play.click();
    const records = page.locator('.token-record');
    await expect.poll(() => app.time()).toBeGreaterThan(300);
    await app.pause.click();
    await expect(app.play).toBeEnabled();
    // Paused with records on the edges (at 100 events/s some are always in flight or queued).
    await expect.poll(() => records.count()).toBeGreaterThan(0);
    const steps = await app.steps();
    await records.first().dispatchEvent('click');

    const panel = page.getByRole('region', { name: 'Event lineage' });
    await expect(panel).toBeVisible();
    const heading = await panel.getByText(/^Event \d+$/).textContent();
    const event = Number(heading!.replace(/\D/g, ''));

    // The same run in Node, the same number of steps: the counters must be the engine's.
    const engine = engineFor(systemUsage);
    for (let i = 0; i < steps; i++) engine.step();
    for (const component of systemUsage.job.components) {
      const row = panel.getByRole('row', { name: new RegExp(`^${component.id} `) });
      const { processed, delivered } = engine.eventCounts(component.id, event);
      await expect(row.getByRole('cell').nth(0)).toHaveText(String(processed));
      await expect(row.getByRole('cell').nth(1)).toHaveText(String(delivered));
    }
    await expect(panel.getByText(/^Read by transactions#0 at/)).toBeVisible();
  });

  test('an event lost in the crash says where and why; typing its id finds it', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.runToEnd();
    const engine = engineFor(systemUsage);
    engine.runToCompletion();
    const loss = engine.losses.find((l) => l.where.startsWith('analyzer'))!;
    await page.getByRole('button', { name: 'Event lineage' }).click();
    const panel = page.getByRole('region', { name: 'Event lineage' });
    await panel.getByLabel('Event id').fill(String(loss.id));
    await panel.getByRole('button', { name: 'Trace' }).click();
    await expect(panel.getByText(`Event ${loss.id}`, { exact: true })).toBeVisible();
    await expect(panel.getByText(new RegExp(`Lost at ${loss.where.replace('#', '#')}`))).toBeVisible();
    await expect(
      panel.getByText(/usage-writer holds no row from it; the failure-free run holds value/),
    ).toBeVisible();
  });
});
