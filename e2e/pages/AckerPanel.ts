import { expect, type Locator, type Page } from '@playwright/test';
import type { AckerStats } from '../../src/engine/index.ts';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ms = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** The acknowledger panel in the dock, by what a person sees and clicks (accessible names only). */
export class AckerPanel {
  readonly region: Locator;
  readonly roots: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Acknowledger' });
    this.roots = this.region.getByRole('navigation', { name: 'Roots' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Acknowledger', exact: true }).click();
    await expect(this.region).toBeVisible();
  }

  /** A counter's value, by its name ("acked", "timed out", "complete latency"…). */
  counter(name: string): Locator {
    return this.region.getByLabel(name, { exact: true });
  }

  /** The counters shown are `stats` (the CLI's `acker`), formatted as the panel formats them. */
  async expectCounters(stats: AckerStats): Promise<void> {
    await expect(this.counter('emitted')).toHaveText(counts.format(stats.emitted));
    await expect(this.counter('acked')).toHaveText(counts.format(stats.acked));
    await expect(this.counter('failed')).toHaveText(counts.format(stats.failed));
    await expect(this.counter('timed out')).toHaveText(counts.format(stats.timedOut));
    await expect(this.counter('replayed')).toHaveText(counts.format(stats.replayed));
    await expect(this.counter('pending')).toHaveText(
      `${counts.format(stats.pending)} (max ${counts.format(stats.pendingMax)})`,
    );
    const l = stats.completeLatency;
    await expect(this.counter('complete latency')).toHaveText(
      l.count === 0
        ? '—'
        : `p50 ${ms.format(l.p50)} ms · p99 ${ms.format(l.p99)} ms · mean ${ms.format(l.mean)} ms`,
    );
  }

  /** Which roots the picker lists ("All roots", "Failed or timed out", "Pending", "Replays"). */
  async show(filter: string): Promise<void> {
    await this.region.getByRole('combobox', { name: 'Show' }).selectOption({ label: filter });
  }

  /** The picker's button for a root. */
  root(root: number): Locator {
    return this.roots.getByRole('button', { name: new RegExp(`^root ${root}:`) });
  }

  async pick(root: number): Promise<void> {
    await this.root(root).click();
    await expect(this.detail(root)).toBeVisible();
  }

  /** The shown root: its heading, verdict, ack value, links and tree. */
  detail(root: number): Locator {
    return this.region.getByRole('article', { name: `Root ${root}` });
  }

  tree(root: number): Locator {
    return this.detail(root).getByRole('tree', { name: `Tree of root ${root}` });
  }

  /** The ack value box: the XOR in groups of four hex digits, and what it means. */
  ackValue(root: number): Locator {
    return this.detail(root).getByRole('region', { name: 'Ack value' });
  }
}
