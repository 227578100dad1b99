import { describe, expect, it } from 'vitest';
import exactlyOnceSinks from '../../../scenarios/exactly-once-sinks.json';
import replayOrder from '../../../scenarios/replay-order.json';
import systemUsage from '../../../scenarios/system-usage.json';
import { parseScenario } from '../model/parse.ts';
import type { Semantics } from '../model/types.ts';
import { engineFor, runScenario } from './runScenario.ts';
import { sinkOutput, type SinkOutput } from './sinkOutput.ts';

/** The run and its failure-free reference, both stopped at `until` (or run to the end), as runScenario does. */
function engines(file: unknown, semantics?: Semantics, until?: number) {
  const scenario = parseScenario(file);
  const options = semantics === undefined ? {} : { semantics };
  const run = engineFor(scenario, options);
  const reference = engineFor(scenario, options, false);
  if (until === undefined) {
    run.runToCompletion();
    reference.runToCompletion();
  } else {
    run.runUntil(until);
    reference.runUntil(until);
  }
  return { run, reference, direct: runScenario(scenario, { ...options, until }) };
}

/** The anomalies of one class, with their explanations. */
function anomalies(out: SinkOutput, cls: 'missing' | 'duplicated' | 'wrong') {
  return out.diff.rows.flatMap((r, i) => (r.class === cls ? [{ row: r, why: out.explanations[i]! }] : []));
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of items) out[key(t)] = (out[key(t)] ?? 0) + 1;
  return out;
}

describe('sinkOutput: system usage, at-most-once', () => {
  const { run, reference, direct } = engines(systemUsage);
  const out = sinkOutput(run, reference, 'usage-writer');

  it("its totals are runScenario's accuracy for the sink", () => {
    expect(out.diff.accuracy).toEqual(direct.sinkAccuracy['usage-writer']);
    expect(out.diff.accuracy.missing).toBe(201);
  });

  it('every missing row is explained by a loss, each loss once: the outage and the analyzer crash', () => {
    const missing = anomalies(out, 'missing');
    expect(missing.every((m) => m.why.cause === 'lost')).toBe(true);
    const events = missing.map((m) => m.why.event ?? m.row.expected!.id);
    expect(new Set(events)).toEqual(new Set(run.losses.map((l) => l.id)));
    expect(countBy(missing, (m) => m.why.summary)).toEqual({
      'lost: processing failed at analyzer#0 (fraud-store was down)': 75,
      'lost: processing failed at analyzer#1 (fraud-store was down)': 75,
      'lost when analyzer#1 was down, crashed at t=6000 ms': 50,
      'lost when analyzer#1 crashed at t=6000 ms (its output had not left yet)': 1,
    });
  });

  it('the engine kept the failures as they were applied, and the crash', () => {
    expect(run.failuresApplied.map((f) => [f.time, f.failure.action])).toEqual([
      [3000, 'store-outage'],
      [6000, 'crash'],
    ]);
    expect(run.crashes).toEqual([
      { time: 6000, where: 'analyzer#1', component: 'analyzer', stateEntries: 0 },
    ]);
  });

  it('stopped mid-run: the same totals as runScenario there, events on their way said so', () => {
    const mid = engines(systemUsage, undefined, 6005);
    const o = sinkOutput(mid.run, mid.reference, 'usage-writer');
    expect(o.diff.accuracy).toEqual(mid.direct.sinkAccuracy['usage-writer']);
    const causes = countBy(anomalies(o, 'missing'), (m) => m.why.cause);
    expect(causes.lost).toBeGreaterThan(0);
    expect(Object.keys(causes)).not.toContain('none');
  });
});

describe('sinkOutput: exactly-once inside, three sinks', () => {
  const { run, reference, direct } = engines(exactlyOnceSinks);
  const outputs = ['committed-log', 'plain-log', 'page-totals'].map((id) => sinkOutput(run, reference, id));
  const [committed, plain, upsert] = outputs as [SinkOutput, SinkOutput, SinkOutput];

  it("each sink's totals are runScenario's", () => {
    for (const o of outputs) expect(o.diff.accuracy).toEqual(direct.sinkAccuracy[o.sink]);
  });

  it('the two-phase-commit sink and the idempotent upsert table are exact', () => {
    expect(committed.diff.accuracy).toMatchObject({ correct: 1000, missing: 0, duplicated: 0, wrong: 0 });
    expect(committed.transactions?.summary).toMatchObject({
      committedRows: 1000,
      uncommittedRows: 0,
      abortedTxns: 1,
    });
    expect(committed.transactions?.pending).toEqual([]);
    expect(upsert.diff.accuracy).toMatchObject({ correct: 20, missing: 0, wrong: 0 });
    expect(upsert.transactions).toBeNull();
  });

  it("the plain sink's duplicates are its own events, replayed after checkpoint 5 was restored", () => {
    const dups = anomalies(plain, 'duplicated');
    expect(dups).toHaveLength(60);
    for (const { row, why } of dups) {
      expect(why).toMatchObject({ cause: 'replayed' });
      expect(why.event).toBeUndefined();
      expect(why.text).toMatch(
        /^replayed after checkpoint 5 was restored \(failover at t=5600 ms: counter#0 crashed\)/,
      );
      expect(run.replays.some((r) => r.id === row.actual!.id && r.cause === 'rewind')).toBe(true);
    }
  });

  it('stopped after the failover: rows of the open transaction are uncommitted, not output', () => {
    const mid = engines(exactlyOnceSinks, undefined, 6300);
    const o = sinkOutput(mid.run, mid.reference, 'committed-log');
    expect(o.diff.accuracy).toEqual(mid.direct.sinkAccuracy['committed-log']);
    const pendingRows = o.transactions!.pending.flatMap((p) => p.rows);
    expect(pendingRows).toHaveLength(mid.direct.transactions['committed-log']!.uncommittedRows);
    const missing = anomalies(o, 'missing');
    expect(missing.length).toBeGreaterThan(0);
    for (const { why } of missing)
      expect(why.text).toMatch(/^written into transaction \d+ \(open\), not committed yet$/);
  });

  it('at-most-once: the restarted counter explains the wrong counts, the losses the missing ones', () => {
    const amo = engines(exactlyOnceSinks, 'at-most-once');
    const o = sinkOutput(amo.run, amo.reference, 'plain-log');
    expect(o.diff.accuracy).toEqual(amo.direct.sinkAccuracy['plain-log']);
    const crash = amo.run.crashes[0]!;
    expect(crash).toMatchObject({ where: 'counter#0', time: 5600 });
    for (const { row, why } of anomalies(o, 'wrong')) {
      expect(crash.stateKeys).toContain(row.actual!.key);
      expect(why).toMatchObject({ cause: 'state-lost' });
      expect(why.text).toContain(
        `counter#0 crashed at t=5600 ms and lost its state, ${row.actual!.key}'s among it`,
      );
    }
    expect(countBy(anomalies(o, 'missing'), (m) => m.why.summary)).toEqual({
      'lost when counter#0 was down, crashed at t=5600 ms': amo.run.losses.length,
    });
  });
});

describe('sinkOutput: replay order', () => {
  it('at-least-once: the replayed event is written once, after the others: exact', () => {
    const { run, reference, direct } = engines(replayOrder);
    const o = sinkOutput(run, reference, 'usage-writer');
    expect(o.diff.accuracy).toEqual(direct.sinkAccuracy['usage-writer']);
    expect(o.diff.accuracy).toMatchObject({ correct: 4, missing: 0, duplicated: 0, wrong: 0 });
    expect(run.replays).toHaveLength(1);
    expect(o.explanations.every((e) => e === null)).toBe(true);
  });

  it('at-most-once: the failed event is missing, lost to the fail-events span', () => {
    const { run, reference, direct } = engines(replayOrder, 'at-most-once');
    const o = sinkOutput(run, reference, 'usage-writer');
    expect(o.diff.accuracy).toEqual(direct.sinkAccuracy['usage-writer']);
    expect(anomalies(o, 'missing').map((m) => [m.row.key, m.why.text])).toEqual([
      ['A', 'lost at t=1 ms: processing failed at analyzer#0 (a fail-events failure was on)'],
    ]);
  });
});
