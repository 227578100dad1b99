import { expect, type Locator, type Page } from '@playwright/test';

export const COUNTER_COLUMNS = ['received', 'processed', 'delivered', 'failed', 'lost', 'queued'] as const;
export type CounterColumn = (typeof COUNTER_COLUMNS)[number];

/** The placeholder page: one scenario run in a Web Worker, its facts and its counters table. */
export class PlaceholderPage {
  readonly heading: Locator;
  readonly status: Locator;
  readonly counters: Locator;
  readonly traceHash: Locator;
  readonly virtualTime: Locator;
  readonly accuracy: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.status = page.getByRole('status');
    this.counters = page.getByRole('table', { name: 'Component counters' });
    this.traceHash = this.fact('Trace hash');
    this.virtualTime = this.fact('Virtual time');
    this.accuracy = page.getByText(/against the failure-free run/);
  }

  /** The value (dd) of a fact in the run's description list, found by its term (dt). */
  fact(term: string): Locator {
    return this.page
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
  }

  /** Waits until the worker's result is on screen (fails fast if the run failed). */
  async waitForResult(): Promise<void> {
    await expect(this.page.getByRole('alert')).toHaveCount(0);
    await expect(this.status).toHaveText(/Run finished/);
  }

  /** The row of one component, found by its display name (the row header). */
  row(componentName: string): Locator {
    return this.counters
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: componentName }) });
  }

  /** One component's counters as numbers, read from the table's text. */
  async countersOf(componentName: string): Promise<Record<CounterColumn, number>> {
    const cells = await this.row(componentName).getByRole('cell').allInnerTexts();
    expect(cells).toHaveLength(COUNTER_COLUMNS.length);
    return Object.fromEntries(
      COUNTER_COLUMNS.map((column, i) => [column, Number(cells[i]!.replace(/[^\d]/g, ''))]),
    ) as Record<CounterColumn, number>;
  }
}
