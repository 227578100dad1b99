import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { CheckpointsPanel, rollbackBadge, stepTo } from '../pages/CheckpointsPanel.ts';
import { Playground } from '../pages/Playground.ts';

const scenario = (file: string) =>
  parseScenarioText(readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8'));
const count = (n: number) => n.toLocaleString('en-US');

const EXACTLY_ONCE = 'Exactly-once inside, and three ways to write out';
const ALIGNED = 'Aligned barriers: one slow input holds back the others';

test.describe('the Checkpoints panel', () => {
  test('an exactly-once run with a crash where the timeline shows the restored checkpoint', async ({
    page,
  }, info) => {
    // No animation: the rollback badge is there all the same.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const app = new Playground(page);
    const panel = new CheckpointsPanel(page);
    await app.open();
    await app.openScenario(EXACTLY_ONCE);
    await app.chooseSemantics('Exactly-once');
    await panel.open();

    // What the engine does with this job in Node: the failover, and the checkpoints up to the one after it.
    const [recovery] = runScenario(scenario('exactly-once-sinks.json')).recoveries;
    expect(recovery).toBeDefined();
    const restored = recovery!.restoredCheckpoint!;

    await stepTo(page, 'failure');
    await expect(app.clock).toHaveText(`t = ${count(recovery!.at)} ms`);
    await expect(panel.region.getByText(`↺ restoring checkpoint ${restored}`)).toBeVisible();
    await expect(rollbackBadge(page, 'Click log')).toContainText(
      `back to cp ${restored} at ${count(recovery!.restartedAt!)} ms`,
    );

    // Beyond the restart: to the next checkpoint after it.
    await stepTo(page, 'checkpoint');
    const direct = runScenario(scenario('exactly-once-sinks.json'), { until: await app.time() });
    const completed = direct.checkpoints.filter((c) => c.completedAt !== undefined);
    expect(completed.at(-1)!.triggeredAt).toBeGreaterThan(recovery!.restartedAt!);
    await expect(app.clock).toHaveText(`t = ${count(completed.at(-1)!.completedAt!)} ms`);

    // The recovery, as the engine recorded it.
    const line = panel.recoveries.getByRole('listitem');
    await expect(line).toHaveCount(direct.recoveries.length);
    await expect(line).toContainText(`${recovery!.reason} → restored checkpoint ${restored}`);
    await expect(line).toContainText(`back at ${count(recovery!.restartedAt!)} ms`);
    const rewinds = direct.replays.filter((r) => r.cause === 'rewind').length;
    await expect(line).toContainText(`${count(rewinds)} records read again`);
    await expect(panel.timeline.getByText(`↺ restored checkpoint ${restored}`)).toBeVisible();
    // The completed checkpoints, by count and id.
    await expect(
      panel.region.getByText(`${completed.length} completed of ${direct.checkpoints.length}`),
    ).toBeVisible();
    expect(await panel.checkpointIds()).toEqual(completed.map((c) => c.id));

    // On the DAG: the rollback on the components the restart restored.
    for (const name of ['Click log', 'Clicks per page', 'Transactional log (2PC)']) {
      await expect(rollbackBadge(page, name)).toContainText(`restored cp ${restored}`);
    }
    await expect(rollbackBadge(page, 'Click log')).toContainText(/offset \d+/);
    // The plain sinks' tables are outside the job: nothing there is restored.
    await expect(rollbackBadge(page, 'Plain append log')).toContainText(`from cp ${restored} · rows stay`);
    const badge = rollbackBadge(page, 'Clicks per page');
    expect(await badge.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await page.screenshot({ path: info.outputPath('checkpoints-restored.png') });

    // The table view holds the same checkpoints; the restored one, instance by instance.
    await panel.table.click();
    await expect(panel.table).toHaveAttribute('aria-pressed', 'true');
    const table = panel.region.getByRole('table', { name: 'Checkpoints' });
    await expect(table.getByRole('row')).toHaveCount(direct.checkpoints.length + 1);
    await panel.select(restored);
    const instances = panel.instances(restored).getByRole('table', { name: 'Instances' });
    const cp = direct.checkpoints.find((c) => c.id === restored)!;
    for (const ack of cp.acks) {
      const name = direct.snapshot.components
        .flatMap((c) => c.instances)
        .find((i) => i.index === ack.instance)!.name;
      await expect(instances.getByRole('row', { name: new RegExp(`^${name} `) })).toContainText(
        `${count(cp.triggeredAt + ack.at)} ms`,
      );
    }
    expect(errors).toEqual([]);
  });

  test('aligned barriers: the counters hold records while they align, and the panel shows how long', async ({
    page,
  }, info) => {
    const app = new Playground(page);
    const panel = new CheckpointsPanel(page);
    await app.open();
    await app.openScenario(ALIGNED);
    await panel.open();
    const direct = runScenario(scenario('aligned-barriers.json'));
    const slow = direct.checkpoints.reduce((a, b) => (b.alignmentMs > a.alignmentMs ? b : a));
    // Up to just before the slow checkpoint, then slowly through its alignment.
    for (let done = 0; done < slow.id - 1; done++) await stepTo(page, 'checkpoint');
    await app.speed.selectOption({ label: '0.1×' });
    await app.play.click();
    const counters = app.node('Orders per customer');
    await expect(counters.getByText(new RegExp(`aligning cp ${slow.id} · \\d+ held`)).first()).toBeVisible({
      timeout: 30_000,
    });
    await app.pause.click();
    await page.screenshot({ path: info.outputPath('checkpoints-aligning.png') });
    await stepTo(page, 'checkpoint');
    await expect(app.clock).toHaveText(`t = ${count(slow.completedAt!)} ms`);
    await panel.select(slow.id);
    const rows = panel.instances(slow.id);
    // Each instance that aligned, with the alignment the coordinator recorded.
    const aligned = slow.acks.filter((a) => a.alignmentMs > 0);
    expect(aligned.length).toBeGreaterThan(0);
    for (const ack of aligned) {
      const same = aligned.filter((a) => a.alignmentMs === ack.alignmentMs && a.size === ack.size).length;
      const entries = `${count(ack.size)} entr${ack.size === 1 ? 'y' : 'ies'}`;
      await expect(
        rows.getByText(`aligned ${count(ack.alignmentMs)} ms · ${entries}`, { exact: true }),
      ).toHaveCount(same);
    }
  });

  test('a run without checkpoints says so, and how to turn them on', async ({ page }) => {
    const app = new Playground(page);
    const panel = new CheckpointsPanel(page);
    await app.open();
    await app.chooseSemantics('At-most-once');
    await panel.open();
    await expect(panel.region.getByText('This run takes no checkpoints.')).toBeVisible();
    await expect(panel.region).toContainText('by checkpointed offsets');
    await app.chooseSemantics('Exactly-once');
    await expect(panel.region.getByText('This run takes no checkpoints.')).toHaveCount(0);
    await expect(panel.region.getByText(/^Exactly-once: aligned barriers/)).toBeVisible();
  });
});
