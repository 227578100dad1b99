import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../model/trace.ts';
import type { KeyedAggregate } from '../operators/keyedAggregate.ts';
import { compareSinks } from '../oracle/compare.ts';
import { CheckpointInvariants } from '../test/checkpointInvariants.ts';
import { TestEngine, type TestOptions } from '../test/TestEngine.ts';

const EO = { semantics: 'exactly-once' as const };

/** The reference's worked example: J joins L and R (p = 1 each); barrier 1 reaches J from L first. */
const join = {
  components: [
    {
      id: 'L',
      kind: 'records-source',
      records: [0, 1, 6, 7].map((at) => ({ key: 'a', value: 1, at })),
    },
    {
      id: 'R',
      kind: 'records-source',
      records: [0, 1, 2, 6].map((at) => ({ key: 'b', value: 1, at })),
    },
    { id: 'J', kind: 'count', cost: 0.5 },
    { id: 'sink', kind: 'transactional-sink', cost: 0.5 },
  ],
  edges: [
    { from: 'L', to: 'J', latency: 1 },
    { from: 'R', to: 'J', latency: 10 },
    { from: 'J', to: 'sink' },
  ],
};

/** Two sources into a keyed count, into three kinds of sink. */
const counts = {
  components: [
    { id: 'src', kind: 'generator-source', rate: 200, keys: 5, parallelism: 2 },
    { id: 'other', kind: 'generator-source', rate: 100, keys: 3 },
    { id: 'count', kind: 'count', parallelism: 2, cost: 1 },
    { id: 'tx', kind: 'transactional-sink', parallelism: 2 },
    { id: 'plain', kind: 'append-sink' },
    { id: 'table', kind: 'upsert-sink' },
  ],
  edges: [
    { from: 'src', to: 'count', grouping: 'fields' },
    { from: 'other', to: 'count', grouping: 'fields' },
    { from: 'count', to: 'tx' },
    { from: 'count', to: 'plain' },
    { from: 'count', to: 'table', grouping: 'fields' },
  ],
};

function checked(job: unknown, options: TestOptions) {
  const invariants = new CheckpointInvariants(options.semantics === 'exactly-once');
  const run = TestEngine.of(job, { ...options, trace: true, observe: invariants.observe }).run();
  return { run, invariants, events: run.events };
}

const at = (events: TraceEvent[], type: TraceEvent['type']) => events.filter((e) => e.type === type);

describe('aligned checkpoints (the worked example: a join with two inputs)', () => {
  const { run, invariants, events } = checked(join, {
    ...EO,
    runFor: 20,
    checkpointing: { interval: 5, retained: 10 },
  });
  const J = run.engine.rt.components.find((c) => c.id === 'J')!.instances[0]!;
  const [fromL, fromR] = J.inputs.map((ch) => ch.index);

  it('barrier 1 from L blocks L; J goes on with R alone; barrier 1 from R completes the alignment', () => {
    const barriers = at(events, 'barrier').filter(
      (e) => e.type === 'barrier' && e.instance === J.index && e.id === 1,
    );
    expect(barriers).toMatchObject([
      { time: 6, channel: fromL, decision: 'block' },
      { time: 15, channel: fromR, decision: 'complete' },
    ]);
    const atJ = events.filter((e) => e.type === 'process' && e.instance === J.index);
    const during = atJ.filter((e) => e.time > 6 && e.time < 15);
    expect(during.map((e) => (e.type === 'process' ? e.key : ''))).toEqual(['b', 'b', 'b']);
    // a3 and a4 arrived at 7 and 8 and waited in the alignment buffer until the end of the alignment.
    const after = atJ.filter((e) => e.time >= 15).map((e) => (e.type === 'process' ? e.key : ''));
    expect(after.slice(0, 2)).toEqual(['a', 'a']);
    expect(invariants.violations).toEqual([]);
  });

  it('the snapshot holds exactly the pre-barrier prefixes: a1, a2 and b1, b2, b3', () => {
    const checkpoint = run.engine.checkpointing!.coordinator.retainedCheckpoints().find((c) => c.id === 1)!;
    const logic = J.logic as KeyedAggregate;
    const saved = checkpoint.tasks.get(J.index)!.state;
    const probe = Object.create(Object.getPrototypeOf(logic) as object) as KeyedAggregate;
    Object.assign(probe, logic);
    probe.restoreState(saved);
    expect(probe.totalsByKey()).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
    expect(run.engine.checkpointing!.coordinator.history[0]).toMatchObject({
      id: 1,
      alignmentMs: 9,
      completedAt: 16,
    });
  });

  it('the alignment buffer is visible while J aligns', () => {
    const probe = TestEngine.of(join, { ...EO, runFor: 20, checkpointing: { interval: 5 } }).runUntil(10);
    const snap = probe.engine.snapshot();
    const j = snap.components.find((c) => c.id === 'J')!.instances[0]!;
    expect(j).toMatchObject({ aligning: true, aligningCheckpoint: 1, alignmentBuffer: 2 });
    expect(snap.channels[fromL]!).toMatchObject({ blocked: true, barriers: [] });
    expect(snap.channels[fromR]!.barriers).toEqual([1]);
  });
});

describe('exactly-once end to end', () => {
  const options: TestOptions = { ...EO, runFor: 3000, checkpointing: { interval: 200, retained: 50 } };
  const reference = TestEngine.of(counts, options).run();
  const crashed = checked(counts, {
    ...options,
    failures: [{ at: 1100, action: 'crash', component: 'count' }],
  });

  it('rolls back to the last completed checkpoint: every instance restored, sources rewound, channels empty', () => {
    const cp = crashed.run.engine.checkpointing!;
    expect(cp.recoveries).toEqual([
      { at: 1100, reason: 'count#0 crashed', restoredCheckpoint: 5, restartedAt: 1600 },
    ]);
    expect(at(crashed.events, 'job-restart')).toHaveLength(1);
    expect(crashed.invariants.violations).toEqual([]);
  });

  it('two-phase commit gives the failure-free output; idempotent upserts the failure-free table; plain appends duplicates', () => {
    const { sinks } = compareSinks(crashed.run.engine, reference.engine);
    expect(sinks.tx).toMatchObject({ correct: sinks.tx!.expected, missing: 0, duplicated: 0, wrong: 0 });
    expect(sinks.table).toMatchObject({ correct: sinks.table!.expected, missing: 0, wrong: 0 });
    expect(sinks.plain).toMatchObject({ correct: sinks.plain!.expected, missing: 0, wrong: 0 });
    expect(sinks.plain!.duplicated).toBeGreaterThan(0);
  });

  it('processed counts grow past the failure-free run; effective (committed) counts do not', () => {
    const processed = (t: TestEngine) => t.component('count').processed;
    expect(processed(crashed.run)).toBeGreaterThan(processed(reference));
    expect(crashed.run.rows('tx')).toHaveLength(reference.rows('tx').length);
  });

  it('readers see committed rows only: what the failed attempt wrote after the checkpoint is aborted', () => {
    const aborted = at(crashed.events, 'txn').filter((e) => e.type === 'txn' && e.state === 'aborted');
    expect(aborted.length).toBeGreaterThan(0);
    const tx = crashed.run.engine.snapshot().components.find((c) => c.id === 'tx')!.sink!.transactions!;
    expect(tx.uncommittedRows).toBe(0);
    expect(tx.committedRows).toBe(reference.rows('tx').length);
    expect(tx.abortedTxns).toBe(aborted.length);
  });

  it('the job takes a last checkpoint after its input ends, so the sinks commit everything', () => {
    expect(reference.rows('tx')).toHaveLength(reference.rows('plain').length);
    expect(reference.engine.done).toBe(true);
  });

  it('is deterministic with checkpoints and recoveries', () => {
    const again = TestEngine.of(counts, {
      ...options,
      failures: [{ at: 1100, action: 'crash', component: 'count' }],
    }).run();
    expect(again.engine.traceHash()).toBe(crashed.run.engine.traceHash());
    expect(again.engine.steps).toBe(crashed.run.engine.steps);
  });
});

describe('completion notices', () => {
  it('a transaction commits only after its checkpoint completed, in order; a lost notice is covered by the next', () => {
    const { events, invariants } = checked(counts, {
      ...EO,
      runFor: 1500,
      checkpointing: { interval: 100 },
      failures: [{ at: 350, action: 'lose-checkpoint-notices', duration: 100 }],
    });
    expect(invariants.violations).toEqual([]);
    const completedAt = new Map(
      at(events, 'checkpoint').flatMap((e) =>
        e.type === 'checkpoint' && e.event === 'completed' ? [[e.id, e.time]] : [],
      ),
    );
    const commits = at(events, 'txn').filter((e) => e.type === 'txn' && e.state === 'committed');
    for (const c of commits)
      if (c.type === 'txn') expect(c.time).toBeGreaterThanOrEqual(completedAt.get(c.checkpoint!)!);
    // Checkpoint 4 completed while notices were lost: its transactions were committed with checkpoint 5's.
    const ofFour = commits.filter((e) => e.type === 'txn' && e.checkpoint === 4);
    expect(ofFour.length).toBe(2);
    for (const c of ofFour) expect(c.time).toBe(completedAt.get(5));
  });
});

describe('checkpoint failures', () => {
  const storage = (tolerableFailures: number) =>
    checked(counts, {
      ...EO,
      runFor: 1500,
      checkpointing: { interval: 100, tolerableFailures },
      failures: [{ at: 250, action: 'checkpoint-storage-failure', duration: 200 }],
    });

  it('a failing checkpoint storage declines the checkpoints; within the tolerance the job runs on', () => {
    const { run, invariants } = storage(5);
    const history = run.engine.checkpointing!.coordinator.history;
    expect(history.filter((c) => c.failure !== undefined).map((c) => [c.id, c.failure])).toEqual([
      [3, 'declined by src#0: checkpoint storage unavailable'],
      [4, 'declined by src#0: checkpoint storage unavailable'],
    ]);
    expect(run.engine.checkpointing!.recoveries).toEqual([]);
    expect(run.engine.checkpointing!.consecutiveFailures).toBe(0);
    expect(invariants.violations).toEqual([]);
  });

  it('one failure more than the tolerance fails the job over', () => {
    const { run } = storage(1);
    expect(run.engine.checkpointing!.recoveries).toMatchObject([
      {
        at: 400,
        reason: '2 checkpoints failed in a row (last: declined by src#0: checkpoint storage unavailable)',
        restoredCheckpoint: 2,
      },
    ]);
  });

  it('a checkpoint that cannot complete within its timeout expires', () => {
    const slow = TestEngine.of(counts, {
      ...EO,
      runFor: 1500,
      checkpointing: { interval: 100, timeout: 50, tolerableFailures: 100 },
      failures: [{ at: 300, action: 'slow', component: 'count', factor: 200, duration: 100 }],
    }).run();
    const expired = slow.engine.checkpointing!.coordinator.history.filter((c) =>
      c.failure?.startsWith('expired'),
    );
    expect(expired.length).toBeGreaterThan(0);
    expect(expired[0]!.failure).toBe('expired: not complete 50 ms after its trigger');
  });
});

describe('the coordinator', () => {
  it('keeps at most maxConcurrent checkpoints pending, and the minimum pause after each completion', () => {
    for (const settings of [
      { interval: 10, maxConcurrent: 1, minPause: 25 },
      { interval: 5, maxConcurrent: 3 },
    ]) {
      const t = TestEngine.of(counts, {
        ...EO,
        runFor: 600,
        checkpointing: settings,
        failures: [{ at: 200, action: 'slow', component: 'count', factor: 20, duration: 100 }],
      });
      let most = 0;
      t.everyStep((e) => {
        most = Math.max(most, e.checkpointing!.coordinator.inFlight);
      });
      expect(most).toBeLessThanOrEqual(settings.maxConcurrent);
      const history = t.engine.checkpointing!.coordinator.history;
      if (settings.maxConcurrent > 1) {
        expect(most).toBeGreaterThan(1);
        continue;
      }
      // One at a time: the next is triggered no sooner than the pause after the previous ended.
      for (let i = 1; i < history.length; i++) {
        const previous = history[i - 1]!;
        const end = previous.completedAt ?? previous.triggeredAt;
        expect(history[i]!.triggeredAt).toBeGreaterThanOrEqual(end + settings.minPause!);
      }
      expect(history.filter((c) => c.completedAt !== undefined).length).toBeGreaterThan(10);
    }
  });
});

describe('restart strategies', () => {
  const crashes = [
    { at: 300, action: 'crash', component: 'count' },
    { at: 900, action: 'crash', component: 'count' },
  ];

  it('fixed delay: when the attempts are used up the job fails for good', () => {
    const t = TestEngine.of(counts, {
      ...EO,
      runFor: 1500,
      checkpointing: { interval: 100, restart: { strategy: 'fixed-delay', delay: 200, attempts: 1 } },
      trace: true,
      failures: crashes,
    }).run();
    const cp = t.engine.checkpointing!;
    expect(cp.recoveries.map((r) => r.restartedAt)).toEqual([500, null]);
    expect(cp.state).toBe('failed');
    expect(t.engine.done).toBe(true);
    expect(t.engine.snapshot().components.every((c) => c.instances.every((i) => i.health === 'failed'))).toBe(
      true,
    );
    expect(at(t.events, 'job-failed')).toHaveLength(1);
  });

  it('failure rate: restarts while the failures per interval stay within the limit', () => {
    const run = (maxFailures: number) =>
      TestEngine.of(counts, {
        ...EO,
        runFor: 1500,
        checkpointing: {
          interval: 100,
          restart: { strategy: 'failure-rate', delay: 100, maxFailures, interval: 1000 },
        },
        failures: crashes,
      }).run().engine.checkpointing!;
    expect(run(2).recoveries.map((r) => r.restartedAt)).toEqual([400, 1000]);
    expect(run(1).recoveries.map((r) => r.restartedAt)).toEqual([400, null]);
  });

  it('none: the first failure fails the job', () => {
    const t = TestEngine.of(counts, {
      ...EO,
      runFor: 1500,
      checkpointing: { interval: 100, restart: { strategy: 'none' } },
      failures: crashes,
    }).run();
    expect(t.engine.checkpointing!.recoveries).toMatchObject([{ at: 300, restartedAt: null }]);
  });
});

describe('CheckpointInvariants can fail', () => {
  it('reports a record processed from a blocked channel, a barrier out of order and an early commit', () => {
    const probe = TestEngine.of(join, { ...EO, runFor: 20 });
    const J = probe.engine.rt.components.find((c) => c.id === 'J')!.instances[0]!;
    const inv = new CheckpointInvariants(true);
    const [l, r] = J.inputs.map((ch) => ch.index);
    inv.observe(
      { type: 'barrier', time: 1, instance: J.index, channel: l!, id: 2, decision: 'block' },
      probe.engine,
    );
    inv.observe(
      {
        type: 'process',
        time: 2,
        instance: J.index,
        channel: l!,
        id: 9,
        key: 'a',
        value: 1,
        eventTime: 0,
        ok: true,
      },
      probe.engine,
    );
    inv.observe(
      { type: 'barrier', time: 3, instance: J.index, channel: l!, id: 1, decision: 'ignore' },
      probe.engine,
    );
    inv.observe(
      { type: 'txn', time: 4, instance: 3, txn: 1, checkpoint: 2, state: 'committed' },
      probe.engine,
    );
    expect(r).toBeDefined();
    expect(inv.violations).toEqual([
      'J#0 processed a record from channel 0 after its barrier 2, while aligning',
      'channel 0: barrier 1 after barrier 2',
      'transaction of checkpoint 2 committed, newest completed is 0',
    ]);
  });
});

describe('transaction timeout of the store', () => {
  const withTimeout = (transactionTimeout: number) => ({
    ...counts,
    components: counts.components.map((c) => (c.id === 'tx' ? { ...c, transactionTimeout } : c)),
  });
  const options: TestOptions = {
    ...EO,
    runFor: 2000,
    checkpointing: { interval: 100, restart: { strategy: 'fixed-delay', delay: 500 } },
  };
  const crash = [{ at: 700, action: 'crash', component: 'count' }];
  const accuracyOf = (timeout: number, failures: unknown[]) => {
    const job = withTimeout(timeout);
    const run = TestEngine.of(job, { ...options, failures }).run();
    const reference = TestEngine.of(job, options).run();
    const tx = run.engine.snapshot().components.find((c) => c.id === 'tx')!.sink!.transactions!;
    return { accuracy: compareSinks(run.engine, reference.engine).sinks.tx!, tx };
  };

  it('loses exactly the rows of transactions that waited longer than the timeout for their commit', () => {
    // Commits follow pre-commits within ~one interval: a 150 ms timeout is enough without failures…
    expect(accuracyOf(150, [])).toMatchObject({
      accuracy: { missing: 0, duplicated: 0 },
      tx: { expiredTxns: 0 },
    });
    // …but the restart takes 500 ms: the transactions committed on recovery have expired.
    const { accuracy, tx } = accuracyOf(150, crash);
    expect(tx.expiredTxns).toBeGreaterThan(0);
    expect(accuracy.missing).toBe(tx.lostRows);
    expect(accuracy.duplicated + accuracy.wrong).toBe(0);
    // A timeout well above checkpoint interval + restart time loses nothing.
    expect(accuracyOf(5000, crash)).toMatchObject({ accuracy: { missing: 0, duplicated: 0, wrong: 0 } });
  });
});

describe('triggering', () => {
  it('a trigger that finds a checkpoint in progress fires when it ends, not an interval later', () => {
    const t = TestEngine.of(counts, {
      ...EO,
      runFor: 1000,
      checkpointing: { interval: 100 },
      failures: [{ at: 290, action: 'slow', component: 'count', factor: 20, duration: 200 }],
    }).run();
    const history = t.engine.checkpointing!.coordinator.history;
    const slow = history.find((c) => c.triggeredAt === 400)!;
    expect(slow.completedAt).toBeGreaterThan(500);
    // The trigger at 500 waited; it fired the moment checkpoint `slow` completed.
    expect(history.find((c) => c.id === slow.id + 1)!.triggeredAt).toBe(slow.completedAt);
  });
});

describe('what the trace hash and the losses see', () => {
  const options: TestOptions = {
    ...EO,
    runFor: 1500,
    checkpointing: { interval: 100, tolerableFailures: 5 },
  };

  it('different checkpoint and commit outcomes give different trace hashes', () => {
    const hash = (failures: unknown[]) =>
      TestEngine.of(counts, { ...options, failures })
        .run()
        .engine.traceHash();
    const plain = hash([]);
    expect(hash([{ at: 250, action: 'lose-checkpoint-notices', duration: 200 }])).not.toBe(plain);
    expect(hash([{ at: 250, action: 'checkpoint-storage-failure', duration: 200 }])).not.toBe(plain);
  });

  it('records in flight when the job fails for good are lost, and so are the rows of expired transactions', () => {
    const failed = TestEngine.of(counts, {
      ...options,
      checkpointing: { interval: 100, restart: { strategy: 'none' } },
      failures: [
        { at: 450, action: 'slow', component: 'count', factor: 10, duration: 100 },
        { at: 500, action: 'crash', component: 'count' },
      ],
    }).run();
    expect(failed.engine.losses.length).toBeGreaterThan(0);
    expect(new Set(failed.engine.losses.map((l) => l.reason))).toEqual(new Set(['job-failed']));
    const job = {
      ...counts,
      components: counts.components.map((c) => (c.id === 'tx' ? { ...c, transactionTimeout: 150 } : c)),
    };
    const expired = TestEngine.of(job, {
      ...options,
      failures: [{ at: 500, action: 'lose-checkpoint-notices', duration: 300 }],
    }).run();
    const tx = expired.engine.snapshot().components.find((c) => c.id === 'tx')!.sink!.transactions!;
    const lost = expired.engine.losses.filter((l) => l.reason === 'transaction-expired');
    expect(tx.lostRows).toBeGreaterThan(0);
    expect(lost).toHaveLength(tx.lostRows);
    expect(lost[0]!.where).toMatch(/^tx#\d$/);
  });
});
