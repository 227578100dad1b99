import { describe, expect, it } from 'vitest';
import exactlyOnceSinks from '../../../scenarios/exactly-once-sinks.json';
import systemUsage from '../../../scenarios/system-usage.json';
import { parseScenario, runScenario, type Accuracy } from '../../engine/index.ts';
import type { OutputRequest, OutputView } from '../../protocol/panels/output.ts';
import { loaded, only, playTo, type TestHost } from '../testHost.ts';

function watch(host: TestHost, output: OutputRequest): void {
  only(host.command({ type: 'watch', panels: { output } }).answers, 'ok');
}

function outputOf(host: TestHost): OutputView {
  const view = host.pull().panels.output;
  if (view === undefined) throw new Error('no output view in the frame');
  return view;
}

function runToEnd(host: TestHost): void {
  only(host.command({ type: 'play', speed: 'max' }).answers, 'ok');
  host.slices();
}

const counts = ({ expected, actual, correct, missing, duplicated, wrong }: Accuracy) => ({
  expected,
  actual,
  correct,
  missing,
  duplicated,
  wrong,
});

describe('output panel: exactly-once inside, three sinks', () => {
  const direct = runScenario(parseScenario(exactlyOnceSinks));

  it("run to the end: each sink's totals are the CLI's, its duplicates replayed after checkpoint 5", () => {
    const host = loaded(exactlyOnceSinks);
    watch(host, {});
    runToEnd(host);
    const first = outputOf(host);
    expect(first.sink).toBe('committed-log');
    expect(first.sinks.map((s) => [s.id, s.kind])).toEqual([
      ['committed-log', 'transactional'],
      ['plain-log', 'append'],
      ['page-totals', 'upsert'],
    ]);
    for (const s of first.sinks) expect(s.accuracy).toEqual(counts(direct.sinkAccuracy[s.id]!));
    for (const sink of ['committed-log', 'plain-log', 'page-totals']) {
      watch(host, { sink });
      const view = outputOf(host);
      expect(view).toMatchObject({ sink, time: direct.virtualTimeMs, behind: false });
      expect(view.totals).toEqual(counts(direct.sinkAccuracy[sink]!));
    }
    watch(host, { sink: 'plain-log' });
    const plain = outputOf(host);
    expect(plain.alignedBy).toBe('key and value');
    expect(plain.matching).toBe(60);
    expect(plain.rows).toHaveLength(60);
    for (const row of plain.rows) {
      expect(row.class).toBe('duplicated');
      expect(row.expected?.value).toBe(row.actual?.value);
      expect(row.event).toBe(row.actual!.event);
      expect(row.why?.text).toMatch(/^replayed after checkpoint 5 was restored/);
    }
    expect(plain.causes).toEqual([
      {
        class: 'duplicated',
        summary: 'replayed after checkpoint 5 was restored (failover at t=5600 ms: counter#0 crashed)',
        count: 60,
      },
    ]);
    expect(plain.transactions).toBeNull();
  });

  it('the two-phase-commit sink: committed and uncommitted rows, the open transaction not counted', () => {
    const host = loaded(exactlyOnceSinks);
    watch(host, { sink: 'committed-log', show: 'all' });
    playTo(host, 6300);
    const at = runScenario(parseScenario(exactlyOnceSinks), { until: 6300 });
    const view = outputOf(host);
    expect(view.time).toBe(6300);
    expect(view.totals).toEqual(counts(at.sinkAccuracy['committed-log']!));
    const txn = at.transactions['committed-log']!;
    expect(view.transactions).toMatchObject({
      committedRows: txn.committedRows,
      uncommittedRows: txn.uncommittedRows,
      abortedTxns: txn.abortedTxns,
    });
    expect(view.transactions!.uncommitted).toHaveLength(Math.min(200, txn.uncommittedRows));
    // All rows listed, anomalies first; every missing row is in the open transaction.
    expect(view.matching).toBe(view.totals!.correct + view.totals!.missing);
    expect(view.rows[0]!.class).toBe('missing');
    for (const row of view.rows.filter((r) => r.class === 'missing'))
      expect(row.why?.text).toMatch(/not committed yet$/);
  });

  it('while playing, the rows are those of the last accuracy computation, which the frame shows', () => {
    const host = loaded(exactlyOnceSinks);
    watch(host, { sink: 'plain-log' });
    only(host.command({ type: 'play', speed: 1 }).answers, 'ok');
    for (let i = 0; i < 4; i++) {
      host.advance(300);
      host.slices(1);
    }
    const frame = host.pull();
    const view = frame.panels.output!;
    expect(frame.time).toBeGreaterThan(frame.accuracyTime!);
    expect(view).toMatchObject({ time: frame.accuracyTime, behind: true });
    const sum = (k: 'correct' | 'missing' | 'duplicated' | 'wrong') =>
      view.sinks.reduce((n, s) => n + s.accuracy![k], 0);
    expect([sum('correct'), sum('missing'), sum('duplicated'), sum('wrong')]).toEqual([
      frame.accuracy.correct,
      frame.accuracy.missing,
      frame.accuracy.duplicated,
      frame.accuracy.wrong,
    ]);
    expect(view.totals).toEqual(view.sinks.find((s) => s.id === 'plain-log')!.accuracy);
    const direct = runScenario(parseScenario(exactlyOnceSinks), { until: frame.accuracyTime! });
    expect(view.totals).toEqual(counts(direct.sinkAccuracy['plain-log']!));
  });
});

describe('output panel: system usage, at-most-once', () => {
  it('a missing row is explained by the loss at the analyzer; the filter lists one class', () => {
    const host = loaded(systemUsage);
    watch(host, { show: 'missing' });
    runToEnd(host);
    const direct = runScenario(parseScenario(systemUsage));
    const view = outputOf(host);
    expect(view.totals).toEqual(counts(direct.sinkAccuracy['usage-writer']!));
    expect(view.matching).toBe(201);
    expect(view.rows).toHaveLength(200);
    expect(view.rows.every((r) => r.class === 'missing' && r.actual === null)).toBe(true);
    expect(view.rows.some((r) => /lost when analyzer#1 (crashed|was down)/.test(r.why!.text))).toBe(true);
    expect(view.causes.reduce((n, c) => n + c.count, 0)).toBe(201);
    watch(host, { show: 'correct' });
    const correct = outputOf(host);
    expect(correct.matching).toBe(799);
    expect(correct.rows.every((r) => r.class === 'correct' && r.why === null)).toBe(true);
  });

  it('a sink the job does not have falls back to its first sink', () => {
    const host = loaded(systemUsage);
    watch(host, { sink: 'nowhere' });
    expect(outputOf(host)).toMatchObject({
      sink: 'usage-writer',
      time: 0,
      totals: { expected: 0, actual: 0 },
    });
  });
});
