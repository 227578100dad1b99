import { expect, type Locator, type Page } from '@playwright/test';

type RowClass = 'correct' | 'missing' | 'duplicated' | 'wrong';

/** The output panel of the dock, by what a person sees (accessible names only). */
export class OutputPanel {
  readonly region: Locator;
  readonly sink: Locator;
  readonly totals: Locator;
  readonly comparedAt: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Output' });
    this.sink = this.region.getByRole('combobox', { name: 'Sink' });
    this.totals = this.region.getByRole('list', { name: 'Totals' });
    this.comparedAt = this.region.getByLabel('Compared at');
  }

  /** Opens the panel with its button under the job. */
  async open(): Promise<void> {
    const button = this.page.getByRole('group', { name: 'Panels' }).getByRole('button', { name: 'Output' });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(this.region).toBeVisible();
  }

  /** Picks the sink to compare, by the name its option shows ("Plain append log (append)"). */
  async chooseSink(label: string): Promise<void> {
    await this.sink.selectOption({ label });
    await expect(this.sink.locator('option:checked')).toHaveText(label);
  }

  /** The count of one class among the totals ("1,000 correct" → 1000). */
  async count(kind: RowClass): Promise<number> {
    const text = (await this.totals.getByRole('listitem').filter({ hasText: kind }).textContent()) ?? '';
    return Number(/([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
  }

  /** All four counts, as the engine's accuracy names them. */
  async counts(): Promise<Record<RowClass, number>> {
    return {
      correct: await this.count('correct'),
      missing: await this.count('missing'),
      duplicated: await this.count('duplicated'),
      wrong: await this.count('wrong'),
    };
  }

  /** Lists one class of rows (or the anomalies, or all). */
  async show(
    label: 'Anomalies' | 'All rows' | 'Missing' | 'Duplicated' | 'Wrong' | 'Correct',
  ): Promise<void> {
    const radio = this.region.getByRole('group', { name: 'Show' }).getByRole('radio', { name: label });
    await radio.check();
    await expect(radio).toBeChecked();
  }

  /** The rows listed, by the word of their class in their first cell. */
  rowsOf(kind: RowClass): Locator {
    return this.region
      .locator('tbody tr')
      .filter({ has: this.page.locator(`td:first-child`, { hasText: kind }) });
  }

  /** The transactions summary of a transactional sink. */
  get transactions(): Locator {
    return this.region.getByRole('region', { name: 'Transactions' });
  }
}
