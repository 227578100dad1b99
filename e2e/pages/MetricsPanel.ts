import { expect, type Locator, type Page } from '@playwright/test';

/** The Metrics panel in the dock, by what a person sees (accessible names only). */
export class MetricsPanel {
  readonly region: Locator;
  readonly tableToggle: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Metrics' });
    this.tableToggle = this.region.getByRole('button', { name: 'Table' });
  }

  /** Opens the panel with its button in the "Panels" group. */
  async open(): Promise<void> {
    await this.page.getByRole('group', { name: 'Panels' }).getByRole('button', { name: 'Metrics' }).click();
    await expect(this.region).toBeVisible();
  }

  /** A chart, by the start of its caption ("Throughput", "End-to-end latency"…). */
  chart(title: string): Locator {
    return this.region.getByRole('figure', { name: new RegExp(`^${title} \\(`) });
  }

  /**
   * The shapes drawn on a chart's marker lines (✕, ↺, ↻, ▮, !), left to right. Scrolled into view
   * first, as a person would: a chart out of sight keeps its last picture until it is seen again.
   */
  async markerShapes(title: string): Promise<string[]> {
    await this.chart(title).scrollIntoViewIfNeeded();
    return this.chart(title).locator('.metric-marker').allTextContents();
  }

  async showTable(): Promise<void> {
    await this.tableToggle.click();
    await expect(this.tableToggle).toHaveAttribute('aria-pressed', 'true');
  }

  /** A number of the per-bucket table's total row ("Total records in" → 1000). */
  async total(cell: 'Total records in' | 'Total records out'): Promise<number> {
    const text = await this.region.getByRole('cell', { name: cell }).textContent();
    return Number((text ?? '').replace(/[^\d]/g, ''));
  }

  /** The markers table: [time in ms, what] per row. */
  async markers(): Promise<[number, string][]> {
    const rows = this.region.getByRole('table', { name: 'Markers' }).locator('tbody tr');
    const out: [number, string][] = [];
    for (const row of await rows.all()) {
      const [time, what] = await row.locator('td').allTextContents();
      out.push([Number(time!.replace(/[^\d]/g, '')), what!.replace(/^\S+\s/, '')]);
    }
    return out;
  }
}
