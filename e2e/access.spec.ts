import { expect, test } from '@playwright/test';
import { Playground } from './pages/Playground.ts';

test.describe('keyboard and motion', () => {
  test('every component is a named stop for the keyboard; Enter selects it, Space plays and pauses', async ({
    page,
  }) => {
    const app = new Playground(page);
    await app.open();
    for (const name of ['Transaction source', 'System usage analyzer', 'Usage counter', 'Usage writer']) {
      await expect(page.getByRole('group', { name, exact: true })).toHaveAttribute('tabindex', '0');
    }
    // From the edit toolbar, Tab reaches the canvas's components.
    await page.getByRole('button', { name: 'Shortcuts' }).focus();
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => document.activeElement?.getAttribute('aria-label') === 'Usage counter',
      );
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading')).toContainText(
      'Usage counter',
    );

    await page.keyboard.press(' ');
    await expect(app.pause).toBeVisible();
    await expect.poll(() => app.time()).toBeGreaterThan(0);
    await page.keyboard.press(' ');
    await expect(app.play).toBeVisible();
    expect(await app.counter('Usage counter', 'processed')).toBeGreaterThan(0);
  });

  test('reduced motion hides the moving tokens but not the counters', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.openScenario('Fraud detection job');
    await app.speed.selectOption({ label: '0.1×' });
    await app.play.click();
    const tokens = page.locator('.token');
    await expect.poll(() => tokens.count()).toBeGreaterThan(0);
    await expect(tokens.first()).toBeVisible();

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => tokens.count()).toBeGreaterThan(0);
    await expect(tokens.first()).toBeHidden();
    const before = await app.counter('Score storage', 'processed');
    await expect.poll(() => app.counter('Score storage', 'processed')).toBeGreaterThan(before);
  });
});
