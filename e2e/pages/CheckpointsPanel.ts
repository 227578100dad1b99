import { expect, type Locator, type Page } from '@playwright/test';

/** The Checkpoints panel in the dock, by what a person sees (accessible names only). */
export class CheckpointsPanel {
  readonly region: Locator;
  readonly table: Locator;
  readonly recoveries: Locator;
  readonly timeline: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Checkpoints', exact: true });
    this.table = this.region.getByRole('button', { name: 'Table', exact: true });
    this.recoveries = this.region.getByRole('region', { name: 'Recoveries' });
    this.timeline = this.region.getByRole('region', { name: 'Checkpoint timeline' });
  }

  /** Opens the panel with its button in the dock's bar. */
  async open(): Promise<void> {
    await this.page
      .getByRole('group', { name: 'Panels' })
      .getByRole('button', { name: 'Checkpoints' })
      .click();
    await expect(this.region).toBeVisible();
  }

  /** The selected checkpoint, instance by instance. */
  instances(id: number): Locator {
    return this.region.getByRole('region', { name: `Checkpoint ${id}, instance by instance` });
  }

  /** The checkpoint ids the timeline lists (its row buttons), in order. */
  async checkpointIds(): Promise<number[]> {
    const names = await this.timeline.getByRole('button', { name: /^Checkpoint \d+$/ }).allTextContents();
    return names.map((n) => Number(n.replace(/[^\d]/g, '')));
  }

  async select(id: number): Promise<void> {
    const button = this.timeline.getByRole('button', { name: `Checkpoint ${id}`, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }
}

/** Steps the run to the next failure or checkpoint with the Step control, and waits until it is over. */
export async function stepTo(page: Page, to: 'checkpoint' | 'failure'): Promise<void> {
  await page.getByLabel('Step to').selectOption(to);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 20_000 });
}

/** The rollback badge over a component of the canvas, by the component's name (matched exactly, as text). */
export function rollbackBadge(page: Page, component: string): Locator {
  const escaped = component.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .locator('.react-flow__node')
    .filter({ has: page.locator('.node-name', { hasText: new RegExp(`^${escaped}$`) }) })
    .getByRole('note');
}
