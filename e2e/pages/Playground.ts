import { expect, type Locator, type Page } from '@playwright/test';

/** The playground, by what a person sees and clicks (accessible names only). */
export class Playground {
  readonly play: Locator;
  readonly pause: Locator;
  readonly step: Locator;
  readonly reset: Locator;
  readonly scenario: Locator;
  readonly semantics: Locator;
  readonly accuracy: Locator;
  readonly clock: Locator;
  readonly traceHash: Locator;
  readonly speed: Locator;

  constructor(readonly page: Page) {
    this.play = page.getByRole('button', { name: 'Play', exact: true });
    this.pause = page.getByRole('button', { name: 'Pause', exact: true });
    this.step = page.getByRole('button', { name: 'Step', exact: true });
    this.reset = page.getByRole('button', { name: 'Reset', exact: true });
    this.scenario = page.getByRole('combobox', { name: 'Scenario' });
    this.semantics = page.getByRole('radiogroup', { name: 'Delivery semantics' });
    this.accuracy = page.getByLabel('Accuracy', { exact: true });
    this.clock = page.getByLabel('Virtual time', { exact: true });
    this.traceHash = page.getByLabel('Trace hash', { exact: true });
    this.speed = page.getByRole('combobox', { name: 'Speed' });
  }

  /** Opens the playground with nothing autosaved (the default job is then the system usage one). */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.evaluate(() => localStorage.clear());
    await this.page.reload();
    await expect(this.page.getByRole('heading', { name: 'StreamLab' })).toBeVisible();
    // The default job is loaded in the engine (a cold dev server compiles the worker first).
    await expect(this.play).toBeEnabled({ timeout: 30_000 });
  }

  /** A component on the canvas, by its name. */
  node(name: string): Locator {
    return this.page
      .locator('.react-flow__node')
      .filter({ has: this.page.locator('.node-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) });
  }

  /** Drags a component on the canvas by (dx, dy) screen pixels, in small moves as a hand does. */
  async dragNode(name: string, dx: number, dy: number): Promise<void> {
    const box = (await this.node(name).locator('.node-header').boundingBox())!;
    const x = box.x + 24;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  /** An edge of the canvas, by its accessible name ("edge counter to usage-writer"). */
  edge(from: string, to: string): Locator {
    return this.page.getByRole('group', { name: `edge ${from} to ${to}` });
  }

  /** Selects an edge with the keyboard (Tab to it, Enter), as a keyboard user does. */
  async selectEdge(from: string, to: string): Promise<void> {
    await this.edge(from, to).focus();
    await this.page.keyboard.press('Enter');
  }

  /** A counter of a component, as the number it shows ("processed 120" → 120). */
  async counter(name: string, counter: string): Promise<number> {
    const text = await this.node(name)
      .getByText(new RegExp(`^${counter} \\d+$`))
      .textContent();
    return Number(text!.split(' ')[1]);
  }

  /** Opens a scenario of scenarios/ by its title; the run is loaded, paused at time 0. */
  async openScenario(title: string): Promise<void> {
    await this.scenario.selectOption({ label: title });
    await expect(this.page.locator('.doc-title')).toHaveText(title);
    await expect(this.play).toBeEnabled();
    await expect(this.clock).toHaveText('t = 0 ms');
  }

  async chooseSemantics(name: 'At-most-once' | 'At-least-once' | 'Exactly-once'): Promise<void> {
    await this.semantics.getByRole('radio', { name }).check();
    await expect(this.semantics.getByRole('radio', { name })).toBeChecked();
  }

  /** The virtual time shown, in ms. */
  async time(): Promise<number> {
    const text = (await this.clock.textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** The engine's step count shown ("step 1,234" → 1234). */
  async steps(): Promise<number> {
    const text = (await this.page.getByLabel('Engine steps', { exact: true }).textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, ''));
  }

  /** Plays in real time until the virtual clock passes `ms`, then pauses. */
  async playUntil(ms: number): Promise<void> {
    await this.speed.selectOption({ label: '1× (real time)' });
    await this.play.click();
    await expect.poll(() => this.time(), { timeout: 20_000 }).toBeGreaterThan(ms);
    await this.pause.click();
    await expect(this.play).toBeEnabled();
  }

  /** Crashes one instance of a component through its break menu. */
  async crash(component: string, instance: string): Promise<void> {
    await this.node(component)
      .getByRole('button', { name: `Break ${component}` })
      .click();
    await this.page.getByRole('menuitem', { name: `Crash ${instance}` }).click();
  }

  /** Plays at full speed until the run is done. */
  async runToEnd(): Promise<void> {
    await this.speed.selectOption({ label: 'Full speed' });
    await this.play.click();
    await expect(this.page.locator('.run-state')).toHaveText('done', { timeout: 60_000 });
    // The accuracy of the end, not of the last comparison while playing.
    await expect(this.accuracy).toHaveAttribute('data-stale', 'false');
  }

  /** The accuracy line's count of one kind (missing, duplicated…). */
  async accuracyCount(kind: 'correct' | 'missing' | 'duplicated' | 'wrong'): Promise<number> {
    const text = (await this.accuracy.textContent()) ?? '';
    const match = new RegExp(`(\\d+) ${kind}`).exec(text);
    return Number(match![1]);
  }
}

/** `Transactional log (2PC)` as a pattern that matches exactly that text. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
