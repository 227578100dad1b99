import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { Playground } from './pages/Playground.ts';

test.describe('editing a job', () => {
  test('build a job from scratch: drag from the palette, connect, run; the counters rise', async ({
    page,
  }, info) => {
    const app = new Playground(page);
    await app.open();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    const canvas = page.locator('.react-flow__pane');
    const box = (await canvas.boundingBox())!;
    const drop = async (kind: string, x: number, y: number) =>
      page.getByRole('button', { name: `Add ${kind}` }).dragTo(canvas, { targetPosition: { x, y } });
    await drop('generator-source', 60, box.height / 2 - 60);
    await drop('map', 360, box.height / 2 - 60);
    await drop('append-sink', 660, box.height / 2 - 60);
    await expect(page.locator('.react-flow__node')).toHaveCount(3);
    const connect = async (from: string, to: string) => {
      await app
        .node(from)
        .locator('.react-flow__handle.source')
        .dragTo(app.node(to).locator('.react-flow__handle.target'));
    };
    await connect('generator', 'map');
    await connect('map', 'append');
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);
    await expect(app.play).toBeEnabled();
    await app.play.click();
    await expect.poll(() => app.counter('append', 'processed')).toBeGreaterThan(5);
    await page.screenshot({ path: info.outputPath('built-from-scratch.png') });
  });

  test('undo and redo, copy and paste, auto-layout', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    const nodes = page.locator('.react-flow__node');
    await expect(nodes).toHaveCount(4);
    await app.node('Usage counter').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(nodes).toHaveCount(5);
    await expect(app.node('Usage counter')).toHaveCount(2);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(nodes).toHaveCount(4);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(nodes).toHaveCount(5);
    await page.keyboard.press('Control+z');
    await expect(nodes).toHaveCount(4);

    const before = await app.node('Usage writer').boundingBox();
    await app.dragNode('Usage writer', -120, 80);
    const moved = await app.node('Usage writer').boundingBox();
    expect(moved!.x).not.toBe(before!.x);
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await expect
      .poll(async () => (await app.node('Usage writer').boundingBox())!.x)
      .toBeGreaterThan((await app.node('Usage counter').boundingBox())!.x);
  });

  test('export then import gives the same job; a malformed file is refused and changes nothing', async ({
    page,
  }, info) => {
    const app = new Playground(page);
    await app.open();
    await app.openScenario('Fraud detection job');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const file = info.outputPath('exported.json');
    await (await download).saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8'));
    expect(exported.title).toBe('Fraud detection job');

    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page.getByLabel('Scenario file to import').setInputFiles(file);
    await expect(page.locator('.react-flow__node')).toHaveCount(exported.job.components.length);
    const again = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export' }).click();
    const second = info.outputPath('exported-again.json');
    await (await again).saveAs(second);
    expect(JSON.parse(await readFile(second, 'utf8'))).toEqual(exported);

    await page.getByLabel('Scenario file to import').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"job": {"components": [{"id": "x", "kind": "teleporter"}]}}'),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'The file was not imported' });
    await expect(alert).toContainText('job.components[0].kind');
    await expect(page.locator('.react-flow__node')).toHaveCount(exported.job.components.length);
    await page
      .getByLabel('Scenario file to import')
      .setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') });
    await expect(page.getByRole('alert').filter({ hasText: 'not JSON' })).toBeVisible();
  });

  test('a reload keeps the autosaved job; the engine’s validation errors show on the node', async ({
    page,
  }) => {
    const app = new Playground(page);
    await app.open();
    await app.node('Usage counter').click();
    const name = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Name');
    await name.fill('Counts per minute');
    await expect(app.node('Counts per minute')).toBeVisible();
    await page.reload();
    await expect(app.node('Counts per minute')).toBeVisible();

    // Remove the edge into the sink: the engine says the sink has no input, on the sink.
    await app.selectEdge('counter', 'usage-writer');
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText(
      'Edge counter → usage-writer',
    );
    await page.keyboard.press('Delete');
    await expect(app.node('Usage writer').getByRole('note')).toContainText('has no input');
    await expect(app.play).toBeDisabled();
  });

  test('a cycle is refused by the engine and marked on the edge that closes it; undo makes the job run again', async ({
    page,
  }) => {
    const app = new Playground(page);
    await app.open();
    await app
      .node('Usage counter')
      .locator('.react-flow__handle.source')
      .dragTo(app.node('System usage analyzer').locator('.react-flow__handle.target'));
    await expect(page.locator('.react-flow__edge')).toHaveCount(4);
    const mark = page.locator('.edge-label').getByRole('note');
    await expect(mark).toHaveText(/cycle analyzer → counter → analyzer/);
    await expect(page.getByRole('status')).toContainText('The job cannot run yet');
    await expect(app.play).toBeDisabled();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(mark).toHaveCount(0);
    await expect(app.play).toBeEnabled();
  });
});
