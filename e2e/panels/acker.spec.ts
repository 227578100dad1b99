import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { engineFor, parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { AckerPanel } from '../pages/AckerPanel.ts';
import { Playground } from '../pages/Playground.ts';

const scenario = parseScenarioText(
  readFileSync(new URL('../../scenarios/acker-timeouts.json', import.meta.url), 'utf8'),
);

test.describe('the acknowledger panel', () => {
  test('an acking run where a crash makes trees time out and their events replay: the timed-out tree, its acked replay (attempt 2), and the CLI’s counters', async ({
    page,
  }, info) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The same run in this process: which roots time out, and what they become.
    const engine = engineFor(scenario, { keepTrees: 200 });
    engine.runToCompletion();
    const trees = engine.acking!.trees!.list();
    const timedOut = trees.filter((t) => t.status === 'timed-out');
    expect(timedOut.length).toBeGreaterThan(1);
    const crashedInFlight = timedOut[0]!;

    const app = new Playground(page);
    await app.open();
    await app.openScenario(scenario.title);
    const acker = new AckerPanel(page);
    await acker.open();
    await expect(acker.counter('emitted')).toHaveText('0');

    // Step to the crash: the panel shows the acker's counters at that very step.
    await page.getByRole('combobox', { name: 'Step to' }).selectOption({ label: 'next failure' });
    await app.step.click();
    await expect(app.clock).toHaveText('t = 2,010 ms');
    const atCrash = runScenario(scenario, { until: 2010 });
    expect(await app.steps()).toBe(atCrash.snapshot.steps);
    await acker.expectCounters(atCrash.acker!);
    expect(atCrash.acker!.timedOut).toBe(0);

    // To the end: the trees the crash broke timed out, and their replays completed.
    await app.runToEnd();
    const end = runScenario(scenario);
    expect(await app.time()).toBe(Math.round(end.virtualTimeMs));
    await acker.expectCounters(end.acker!);
    expect(end.acker!.timedOut).toBe(timedOut.length);

    await acker.show('Failed or timed out');
    await expect(acker.roots.getByRole('button')).toHaveCount(timedOut.length);
    await acker.pick(crashedInFlight.root);
    const failed = acker.detail(crashedInFlight.root);
    await expect(failed.getByRole('heading')).toHaveText(
      `Root ${crashedInFlight.root}: event ${crashedInFlight.id} from clicks#0, attempt 1`,
    );
    await expect(failed.getByText(/^◷ timed out at 3,000 ms/)).toBeVisible();
    // The tuple nobody acked (enrich#1's output, lost in flight) is marked in the tree; its edge id
    // is the ack value left over.
    const unacked = crashedInFlight.edges.filter((e) => e.status === 'pending');
    expect(unacked).toHaveLength(1);
    expect(engine.rt.instances[unacked[0]!.from]!.name).toBe('enrich#1');
    const to = engine.rt.instances[unacked[0]!.to]!.name;
    await expect(
      acker.tree(crashedInFlight.root).getByRole('treeitem', { name: /never acked/ }),
    ).toHaveAccessibleName(new RegExp(`^${to}, edge ${unacked[0]!.id.slice(0, 4)}, never acked`));
    expect(crashedInFlight.ackValue).toBe(unacked[0]!.id);
    await expect(acker.ackValue(crashedInFlight.root)).toContainText(
      crashedInFlight.ackValue.replace(/(.{4})(?=.)/g, '$1 '),
    );
    await page.screenshot({ path: info.outputPath('timed-out-tree.png') });

    // Follow it to its replay: same message id, attempt 2, acked, value 0.
    const replay = trees.find((t) => t.id === crashedInFlight.id && t.attempt === 2)!;
    await failed.getByRole('button', { name: `Go to its replay: root ${replay.root} (attempt 2) →` }).click();
    const replayed = acker.detail(replay.root);
    await expect(replayed.getByRole('heading')).toHaveText(
      `Root ${replay.root}: event ${crashedInFlight.id} from clicks#0, attempt 2`,
    );
    await expect(replayed.getByText(/^✓ acked at/)).toBeVisible();
    await expect(
      replayed.getByText(`Message id: partition 0, offset ${crashedInFlight.offset}`, { exact: false }),
    ).toBeVisible();
    await expect(acker.ackValue(replay.root)).toContainText('0000 0000 0000 0000');
    const items = acker.tree(replay.root).getByRole('treeitem');
    await expect(items).toHaveCount(replay.edges.length + 1);
    for (const item of await items.all()) await expect(item).toHaveAccessibleName(/acked/);
    // And back.
    await replayed
      .getByRole('button', { name: `← Replay of root ${crashedInFlight.root} (attempt 1)` })
      .click();
    await expect(acker.detail(crashedInFlight.root)).toBeVisible();
    await page.screenshot({ path: info.outputPath('replay-tree.png') });
    expect(errors).toEqual([]);
  });

  test('the tree is keyboard-operable, has a table view, and a run without acking says how to turn it on', async ({
    page,
  }) => {
    const app = new Playground(page);
    await app.open();
    const acker = new AckerPanel(page);
    await acker.open();
    // The default job runs at-most-once.
    await expect(acker.region.getByText('This run does not use the acknowledger.')).toBeVisible();
    await acker.region.getByRole('button', { name: 'Switch to at-least-once by acknowledger' }).click();
    await expect(app.semantics.getByRole('radio', { name: 'At-least-once' })).toBeChecked();
    await expect(acker.counter('emitted')).toHaveText('0');
    await app.openScenario(scenario.title);
    await app.runToEnd();
    // Following the latest root: the newest tree.
    await expect(acker.region.getByRole('button', { name: 'Follow latest' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const tree = acker.region.getByRole('tree');
    const first = tree.getByRole('treeitem').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await expect(tree.getByRole('treeitem').nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(tree.getByRole('treeitem').last()).toBeFocused();
    await page.keyboard.press('Home');
    await expect(first).toBeFocused();
    // The same tree as a table: one row per edge, full edge ids.
    await acker.region.getByRole('button', { name: 'Table', exact: true }).click();
    const rows = acker.region.getByRole('table', { name: /^Edges of root/ }).getByRole('row');
    await expect(rows.nth(1).getByRole('cell').first()).toHaveText(/^[0-9a-f]{16}$/);
  });
});
