import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseScenarioText, runScenario } from '../src/engine/index.ts';
import type * as ClientModule from '../src/client/engineClient.ts';
import { Playground } from './pages/Playground.ts';

const SYSTEM_USAGE = 'System usage job with a database outage';

test.describe('running a job', () => {
  test('the engine in the worker gives the trace hash the CLI gives, for the same scenario and seed', async ({
    page,
  }, info) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const node = runScenario(
      parseScenarioText(readFileSync(new URL('../scenarios/system-usage.json', import.meta.url), 'utf8')),
    );
    const app = new Playground(page);
    await app.open();
    await app.openScenario(SYSTEM_USAGE);
    await app.runToEnd();
    await expect(app.traceHash).toHaveText(node.traceHash);
    expect(await app.time()).toBe(node.virtualTimeMs);
    // The counters shown are the engine's.
    const analyzer = node.snapshot.components.find((c) => c.id === 'analyzer')!;
    expect(await app.counter('System usage analyzer', 'processed')).toBe(analyzer.processed);
    expect(await app.counter('System usage analyzer', 'failed')).toBe(analyzer.failed);
    await page.screenshot({ path: info.outputPath('system-usage-done.png') });
    expect(errors).toEqual([]);
  });

  test('a crash by click loses records at-most-once; at-least-once nothing is missing', async ({
    page,
  }, info) => {
    const app = new Playground(page);
    await app.open();
    await app.openScenario(SYSTEM_USAGE);
    await app.chooseSemantics('At-most-once');
    await expect(app.clock).toHaveText('t = 0 ms');
    await app.playUntil(1000);
    await app.crash('System usage analyzer', 'analyzer#0');
    await expect(page.getByText(/failure: crash analyzer#0/).first()).toBeVisible();
    await app.runToEnd();
    expect(await app.accuracyCount('missing')).toBeGreaterThan(0);
    await page.screenshot({ path: info.outputPath('at-most-once-crash.png') });

    await app.chooseSemantics('At-least-once');
    await expect(app.clock).toHaveText('t = 0 ms');
    await app.playUntil(1000);
    await app.crash('System usage analyzer', 'analyzer#0');
    await app.runToEnd();
    expect(await app.accuracyCount('missing')).toBe(0);
    await page.screenshot({ path: info.outputPath('at-least-once-crash.png') });
  });

  test('pause stops the clock, step moves it one event, reset goes back to 0', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.openScenario(SYSTEM_USAGE);
    await app.play.click();
    await expect.poll(() => app.time()).toBeGreaterThan(100);
    await app.pause.click();
    const paused = await app.time();
    await page.waitForTimeout(300);
    expect(await app.time()).toBe(paused);
    const before = await app.steps();
    await app.step.click();
    await expect.poll(() => app.steps()).toBe(before + 1);
    await app.step.click();
    await expect.poll(() => app.steps()).toBe(before + 2);
    await app.reset.click();
    await expect(app.clock).toHaveText('t = 0 ms');
  });

  test('several engine workers run at once, each giving the CLI’s trace hash', async ({ page }) => {
    const texts = ['system-usage.json', 'fraud-detection.json', 'exactly-once-sinks.json'].map((f) =>
      readFileSync(new URL(`../scenarios/${f}`, import.meta.url), 'utf8'),
    );
    const expected = texts.map((t) => runScenario(parseScenarioText(t)).traceHash);
    const app = new Playground(page);
    await app.open();
    // The client module as the dev server serves it: one client, one worker each, all at once.
    const hashes = await page.evaluate(async (scenarios) => {
      const modulePath = '/src/client/engineClient.ts';
      const { createEngineClient } = (await import(/* @vite-ignore */ modulePath)) as typeof ClientModule;
      const clients = scenarios.map(() => createEngineClient());
      try {
        const results = await Promise.all(clients.map((c, i) => c.runScenario(JSON.parse(scenarios[i]!))));
        return results.map((r) => r.traceHash);
      } finally {
        for (const c of clients) c.dispose();
      }
    }, texts);
    expect(hashes).toEqual(expected);
  });

  test('a killed engine is reported and can be restarted; the job is kept', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.openScenario(SYSTEM_USAGE);
    await app.play.click();
    await expect.poll(() => app.time()).toBeGreaterThan(0);
    await page.evaluate(() =>
      (globalThis as unknown as { __streamlab: { killEngine(): void } }).__streamlab.killEngine(),
    );
    const alert = page.getByRole('alert').filter({ hasText: 'The engine stopped' });
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(app.node('System usage analyzer')).toBeVisible();
    await alert.getByRole('button', { name: 'Restart engine' }).click();
    await expect(alert).toBeHidden();
    await expect(app.play).toBeEnabled();
    await app.play.click();
    await expect.poll(() => app.time()).toBeGreaterThan(0);
  });
});
