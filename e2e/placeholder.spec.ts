import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseScenarioText, runScenario } from '../src/engine/index.ts';
import { COUNTER_COLUMNS, PlaceholderPage } from './pages/PlaceholderPage.ts';

const scenarioText = readFileSync(new URL('../scenarios/system-usage.json', import.meta.url), 'utf8');

test.describe('placeholder page', () => {
  test('runs system-usage in a Web Worker with the same trace as Node', async ({ page }, testInfo) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const scenario = parseScenarioText(scenarioText);
    const node = runScenario(scenario);
    const names = new Map(scenario.job.components.map((c) => [c.id, c.name ?? c.id]));

    const placeholder = new PlaceholderPage(page);
    await placeholder.goto();
    await expect(placeholder.heading).toHaveText('StreamLab');
    await placeholder.waitForResult();

    // Determinism across hosts: the browser's worker and Node produce the identical trace.
    await expect(placeholder.traceHash).toHaveText(node.traceHash);
    await expect(placeholder.virtualTime).toHaveText(`${node.virtualTimeMs.toLocaleString('en-US')} ms`);

    await expect(placeholder.counters.getByRole('columnheader')).toHaveText([
      'Component',
      ...COUNTER_COLUMNS.map((c) => new RegExp(`^${c}$`, 'i')),
    ]);
    await expect(placeholder.counters.getByRole('rowheader')).toHaveCount(node.snapshot.components.length);
    for (const component of node.snapshot.components) {
      const shown = await placeholder.countersOf(names.get(component.id)!);
      const expected = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, component[c]]));
      expect(shown, component.id).toEqual(expected);
    }

    const a = node.accuracy;
    await expect(placeholder.accuracy).toContainText(
      `${a.correct} correct, ${a.missing} missing, ${a.duplicated} duplicated, ${a.wrong} wrong`,
    );

    await page.screenshot({ path: testInfo.outputPath('placeholder.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
