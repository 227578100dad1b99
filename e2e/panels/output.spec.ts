import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseScenarioText, runScenario, type Accuracy } from '../../src/engine/index.ts';
import { OutputPanel } from '../pages/OutputPanel.ts';
import { Playground } from '../pages/Playground.ts';

/** What the CLI reports for a scenario file run to the end (optionally under other semantics). */
function direct(file: string, semantics?: 'at-most-once') {
  const text = readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8');
  return runScenario(parseScenarioText(text), semantics === undefined ? {} : { semantics });
}

const classes = ({ correct, missing, duplicated, wrong }: Accuracy) => ({
  correct,
  missing,
  duplicated,
  wrong,
});

test.describe('the output panel', () => {
  // A run to the end after a cold worker start, on a busy 2-core machine: more than the default 30 s.
  test.describe.configure({ timeout: 90_000 });

  test('an exactly-once run with a crash: zero missing and zero duplicated with a two-phase-commit sink, but duplicates with a plain sink', async ({
    page,
  }, info) => {
    const cli = direct('exactly-once-sinks.json');
    const restored = cli.recoveries[0]!.restoredCheckpoint;
    expect(restored).not.toBeNull();
    const app = new Playground(page);
    const output = new OutputPanel(page);
    await app.open();
    await app.openScenario('Exactly-once inside, and three ways to write out');
    await app.chooseSemantics('Exactly-once');
    await output.open();
    await app.runToEnd();
    await expect(output.comparedAt).toHaveText(
      `vs failure-free run at t = ${cli.virtualTimeMs.toLocaleString('en-US')} ms`,
    );

    // The two-phase-commit sink: exact; what it committed, and the transaction the failover aborted.
    await output.chooseSink('Transactional log (2PC) (transactional)');
    await expect.poll(() => output.counts()).toEqual(classes(cli.sinkAccuracy['committed-log']!));
    expect(await output.count('missing')).toBe(0);
    expect(await output.count('duplicated')).toBe(0);
    const txn = cli.transactions['committed-log']!;
    await expect(output.transactions).toContainText(
      `committed: ${txn.committedRows.toLocaleString('en-US')} rows in ${txn.committedTxns} transactions`,
    );
    await expect(output.transactions).toContainText(`aborted: ${txn.abortedTxns} transaction`);
    await expect(output.region.getByText('No anomalies.')).toBeVisible();

    // The idempotent upsert table: exact too.
    await output.chooseSink('Idempotent totals table (upsert)');
    await expect.poll(() => output.counts()).toEqual(classes(cli.sinkAccuracy['page-totals']!));

    // The plain append log: the replayed events written twice, each explained by the restore.
    await output.chooseSink('Plain append log (append)');
    await expect.poll(() => output.counts()).toEqual(classes(cli.sinkAccuracy['plain-log']!));
    expect(await output.count('duplicated')).toBeGreaterThan(0);
    await output.show('Duplicated');
    const duplicated = output.rowsOf('duplicated');
    await expect(duplicated).toHaveCount(cli.sinkAccuracy['plain-log']!.duplicated);
    const first = duplicated.first();
    await expect(first).toContainText(`replayed after checkpoint ${restored} was restored`);
    // The row carries its event for the lineage panel, and a button to trace it.
    const event = await first.getAttribute('data-event-id');
    expect(cli.replays.some((r) => String(r.id) === event)).toBe(true);
    await expect(first.getByRole('button', { name: `Trace event ${event}` })).toBeVisible();
    await page.screenshot({ path: info.outputPath('exactly-once-plain-sink.png') });
  });

  test('at-most-once: a missing row is explained by the loss when the analyzer crashed', async ({
    page,
  }, info) => {
    const cli = direct('system-usage.json', 'at-most-once');
    const app = new Playground(page);
    const output = new OutputPanel(page);
    await app.open();
    await app.openScenario('System usage job with a database outage');
    await app.chooseSemantics('At-most-once');
    await output.open();
    await app.runToEnd();
    await expect.poll(() => output.counts()).toEqual(classes(cli.sinkAccuracy['usage-writer']!));
    expect(await output.count('missing')).toBeGreaterThan(0);
    await output.show('Missing');
    await expect(output.rowsOf('missing').first()).toBeVisible();
    const crashed = output.rowsOf('missing').filter({ hasText: /lost when analyzer#\d/ });
    await expect(crashed.first()).toBeVisible();
    await expect(output.region.getByRole('region', { name: 'Causes' })).toContainText('fraud-store was down');
    await page.screenshot({ path: info.outputPath('at-most-once-missing.png') });
  });
});
