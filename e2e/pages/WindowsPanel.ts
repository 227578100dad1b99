import { expect, type Locator, type Page } from '@playwright/test';

/** The Windows panel, by what a person sees (accessible names only). */
export class WindowsPanel {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Windows' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Windows', exact: true }).click();
    await expect(this.region).toBeVisible();
  }

  /** The totals line: panes, corrections, dropped stragglers… */
  get totals(): Locator {
    return this.region.getByRole('list', { name: 'Totals' });
  }

  /** A total as the number it shows ("✕ dropped stragglers 1" → 1). */
  async total(label: string): Promise<number> {
    const text = (await this.totals.getByRole('listitem').filter({ hasText: label }).textContent()) ?? '';
    return Number(text.replace(/.*?(\d[\d,]*)\s*$/, '$1').replace(/,/g, ''));
  }

  get panes(): Locator {
    return this.region.getByRole('table', { name: 'Panes' });
  }

  /** The pane rows of one key and window (as shown: "[0, 10,000)"), newest first. */
  panesOf(key: string, window: string): Locator {
    return this.panes
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: key, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: window, exact: true }) });
  }

  get stragglers(): Locator {
    return this.region.getByRole('table', { name: 'Stragglers' });
  }
}
