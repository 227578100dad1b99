import { expect, type Locator, type Page } from '@playwright/test';

/** The Event time panel, by what a person sees (accessible names only). */
export class EventTimePanel {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Event time' });
  }

  /** Opens the panel with its button under the job. */
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Event time', exact: true }).click();
    await expect(this.region).toBeVisible();
  }

  /** Switches from the plot to its table view. */
  async showTable(): Promise<void> {
    const toggle = this.region.getByRole('button', { name: 'Table', exact: true });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  }

  /** The table view's records. */
  get records(): Locator {
    return this.region.getByRole('table', { name: 'Records by processing time and event time' });
  }

  /** The row of the table view for a record of `key` with event time `eventTime` (as shown: "7,000 ms"). */
  record(key: string, eventTime: string): Locator {
    return this.records
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: eventTime, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: key, exact: true }) });
  }

  /** Each instance's clock in words ("team-sums#0: watermark 12,999 ms"). */
  get clocks(): Locator {
    return this.region.getByRole('list', { name: 'Clocks' });
  }

  /** The bound of out-of-orderness field of a source. */
  bound(sourceName: string): Locator {
    return this.region.getByLabel(`Bound of out-of-orderness at ${sourceName} (ms)`);
  }

  /** Types a new bound and commits it with Enter (the run starts over). */
  async setBound(sourceName: string, ms: number): Promise<void> {
    const field = this.bound(sourceName);
    await field.fill(String(ms));
    await field.press('Enter');
  }
}
