import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSinks } from '../oracle/compare.ts';
import type { TraceEvent } from '../model/trace.ts';
import { failuresArb, jobArb, type GeneratedJob } from '../test/arbitraries.ts';
import { TestEngine } from '../test/TestEngine.ts';

const ALO = { semantics: 'at-least-once' as const, ackMode: 'acking' as const };

/** XOR of 16-hex-digit ids. */
function xorHex(a: string, b: string): string {
  const x = (BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(16);
  return x.padStart(16, '0');
}
const ZERO = '0'.repeat(16);

/**
 * Replays the acker's algebra from the trace: every edge id must be XORed into its root's value
 * exactly twice (once when created — in the init or in its parent's ack — and once in its own ack),
 * the value must equal the XOR of the edges reported and not yet acked, and a root settles once.
 */
function checkAckAlgebra(events: readonly TraceEvent[]): { completed: number } {
  const xored = new Map<string, number>(); // `${root}:${edge}` → times XORed
  const created = new Map<number, string[]>(); // edges created since the last ack on that root
  const value = new Map<number, string>();
  const settled = new Set<number>();
  let completed = 0;
  const bump = (root: number, edge: string) => {
    const k = `${root}:${edge}`;
    const n = (xored.get(k) ?? 0) + 1;
    if (n > 2) throw new Error(`edge ${edge} of root ${root} XORed ${n} times`);
    xored.set(k, n);
    value.set(root, xorHex(value.get(root) ?? ZERO, edge));
  };
  for (const e of events) {
    if (e.type === 'acker-crash') {
      for (const root of e.roots) {
        value.delete(root);
        created.delete(root);
        for (const k of [...xored.keys()]) if (k.startsWith(`${root}:`)) xored.delete(k);
      }
    } else if (e.type === 'ack-edge') {
      for (const root of e.roots) created.set(root, [...(created.get(root) ?? []), e.edge]);
    } else if (e.type === 'ack-init' || e.type === 'ack' || e.type === 'ack-fail') {
      if (e.value === null) continue; // the acker instance was down: nothing was recorded
      const children = created.get(e.root) ?? [];
      created.delete(e.root);
      let kids = ZERO;
      for (const c of children) kids = xorHex(kids, c);
      if (kids !== e.children && e.type !== 'ack-fail')
        throw new Error(`children mismatch at root ${e.root}`);
      if (e.type !== 'ack-fail') {
        for (const c of children) bump(e.root, c);
        if (e.edge !== null) bump(e.root, e.edge);
      } else if (children.length > 0) {
        // The failing tuple's children were created, but a fail reports none of them.
        created.set(e.root, children);
      }
      const model = value.get(e.root) ?? ZERO;
      if (model !== e.value) {
        const history = events.filter(
          (x) =>
            ('root' in x && (x as { root: number }).root === e.root) ||
            (x.type === 'ack-edge' && x.roots.includes(e.root)),
        );
        throw new Error(
          `root ${e.root}: acker value ${e.value}, expected ${model}\n${history.map((x) => JSON.stringify(x)).join('\n')}`,
        );
      }
      if (e.outcome === 'completed') {
        if (e.value !== ZERO) throw new Error(`root ${e.root} completed with value ${e.value}`);
        completed++;
      }
      if (e.outcome !== 'pending') {
        // Settled: the acker forgets the root; a later message for it starts a fresh, orphan entry.
        if (settled.has(e.root)) throw new Error(`root ${e.root} settled twice`);
        settled.add(e.root);
        value.delete(e.root);
      }
    }
  }
  return { completed };
}

describe('at-least-once by acking', () => {
  it('seed 1337: ack algebra — value 0 at completion, each edge XORed exactly twice, pending ≤ max-pending', () => {
    fc.assert(
      fc.property(
        jobArb.chain((g) =>
          fc.tuple(fc.constant(g), failuresArb(g, 400), fc.nat(), fc.integer({ min: 1, max: 20 })),
        ),
        ([g, failures, seed, maxPending]) => {
          const t = TestEngine.of(g.job, {
            ...ALO,
            seed,
            runFor: 400,
            failures,
            trace: true,
            acking: { timeout: 200, maxPending },
          });
          // Timeouts this short can cause replay storms (a real Storm pitfall): look at the first 3 s.
          t.everyStep((engine) => {
            for (const p of engine.acking!.pending)
              if (p.size > maxPending) throw new Error(`pending ${p.size} > ${maxPending}`);
          }, 3000);
          const { completed } = checkAckAlgebra(t.events);
          expect(completed).toBeGreaterThan(0);
          // Every (root, edge) of a completed tree was XORed exactly twice.
          const roots = new Map<number, string>();
          for (const e of t.events)
            if (e.type === 'root-done' && e.outcome === 'acked') roots.set(e.root, 'acked');
          expect(roots.size).toBeGreaterThan(0);
        },
      ),
      { seed: 1337, numRuns: 30 },
    );
  });

  it('seed 2024: with a long timeout every record is eventually acked and nothing is missing', () => {
    const noDedupe = jobArb.filter((g) => !g.job.components.some((c) => c.kind === 'dedupe'));
    fc.assert(
      fc.property(
        noDedupe.chain((g) =>
          fc.tuple(fc.constant(g), failuresWithAcker(g, 500), fc.nat(), fc.integer({ min: 5, max: 200 })),
        ),
        ([g, failures, seed, maxPending]) => {
          const options = { ...ALO, seed, runFor: 500, acking: { timeout: 30_000, maxPending, ackers: 2 } };
          const run = TestEngine.of(g.job, { ...options, failures, keepTrees: 1_000_000 }).run();
          const ref = TestEngine.of(g.job, options).run();
          const acking = run.engine.acking!;
          expect(run.engine.done).toBe(true);
          expect(acking.pending.every((p) => p.size === 0)).toBe(true);
          // Every record the sources read was, in the end, acked (in some attempt).
          const acked = new Set(
            acking
              .trees!.list()
              .filter((t) => t.status === 'acked')
              .map((t) => t.id),
          );
          for (const tree of acking.trees!.list()) expect(acked.has(tree.id)).toBe(true);
          expect(compareSinks(run.engine, ref.engine).total.missing).toBe(0);
        },
      ),
      { seed: 2024, numRuns: 25 },
    );
  });

  it('seed 77: a counting job never under-counts (state survives; only stateless parts crash)', () => {
    const counting = {
      components: [
        { id: 'src', kind: 'generator-source', rate: 300, keys: 7, parallelism: 2 },
        { id: 'map', kind: 'map', parallelism: 2, cost: 1 },
        { id: 'count', kind: 'count', parallelism: 2, cost: 1 },
        { id: 'sink', kind: 'upsert-sink', cost: 0.5 },
      ],
      edges: [
        { from: 'src', to: 'map', capacity: 8 },
        { from: 'map', to: 'count', grouping: 'fields' },
        { from: 'count', to: 'sink' },
      ],
    };
    const failure = fc.oneof(
      fc
        .record({ at: fc.integer({ min: 0, max: 600 }), instance: fc.integer({ min: 0, max: 1 }) })
        .map((f) => ({
          ...f,
          action: 'crash',
          component: 'map',
          restartAfter: 50,
        })),
      fc
        .integer({ min: 0, max: 600 })
        .map((at) => ({ at, action: 'drop', from: 'map', to: 'count', probability: 0.5, duration: 100 })),
      fc.integer({ min: 0, max: 600 }).map((at) => ({ at, action: 'crash-acker', restartAfter: 100 })),
      fc
        .integer({ min: 0, max: 600 })
        .map((at) => ({ at, action: 'fail-events', component: 'sink', probability: 0.3, duration: 100 })),
    );
    fc.assert(
      fc.property(fc.array(failure, { maxLength: 4 }), fc.nat(), (failures, seed) => {
        const options = { ...ALO, seed, runFor: 600, acking: { timeout: 10_000 } };
        const run = TestEngine.of(counting, { ...options, failures }).run();
        const ref = TestEngine.of(counting, options).run();
        const expected = new Map(ref.rows('sink').map((r) => [r.key, r.value]));
        for (const row of run.rows('sink')) expect(row.value).toBeGreaterThanOrEqual(expected.get(row.key)!);
        expect(run.rows('sink').length).toBe(expected.size);
      }),
      { seed: 77, numRuns: 25 },
    );
  });

  it('same seed, same trace: acking is deterministic', () => {
    fc.assert(
      fc.property(
        jobArb.chain((g) => fc.tuple(fc.constant(g), failuresWithAcker(g, 300), fc.nat())),
        ([g, failures, seed]) => {
          const a = TestEngine.of(g.job, {
            ...ALO,
            seed,
            runFor: 300,
            failures,
            acking: { timeout: 100 },
          }).run(3000);
          const b = TestEngine.of(g.job, {
            ...ALO,
            seed,
            runFor: 300,
            failures,
            acking: { timeout: 100 },
          }).run(3000);
          expect(b.engine.traceHash()).toBe(a.engine.traceHash());
          expect(b.engine.acking!.snapshotStats()).toEqual(a.engine.acking!.snapshotStats());
        },
      ),
      { seed: 99, numRuns: 15 },
    );
  });

  it('early-out events complete: records a filter drops are acked at the filter', () => {
    const t = TestEngine.of(
      {
        components: [
          { id: 'src', kind: 'generator-source', rate: 100 },
          { id: 'filter', kind: 'filter', predicate: { op: 'sample', rate: 0.3 } },
          { id: 'sink', kind: 'append-sink' },
        ],
        edges: [
          { from: 'src', to: 'filter' },
          { from: 'filter', to: 'sink' },
        ],
      },
      { ...ALO, runFor: 1000, keepTrees: 1000 },
    ).run();
    const stats = t.engine.acking!.snapshotStats();
    expect(stats).toMatchObject({
      emitted: 100,
      acked: 100,
      failed: 0,
      timedOut: 0,
      replayed: 0,
      pending: 0,
    });
    const trees = t.engine.acking!.trees!.list();
    const earlyOut = trees.filter((tree) => tree.edges.length === 1);
    expect(earlyOut.length).toBe(100 - t.rows('sink').length);
    for (const tree of earlyOut)
      expect(tree).toMatchObject({ status: 'acked', ackValue: '0000000000000000' });
  });

  it('a fan-in event anchored to two roots completes both, and its loss replays both', () => {
    const job = {
      components: [
        { id: 'src', kind: 'generator-source', rate: 100 },
        { id: 'batch', kind: 'batch', size: 2 },
        { id: 'sink', kind: 'append-sink', cost: 5 },
      ],
      edges: [
        { from: 'src', to: 'batch' },
        { from: 'batch', to: 'sink' },
      ],
    };
    const ok = TestEngine.of(job, { ...ALO, runFor: 40, keepTrees: 100 }).run();
    expect(ok.rows('sink').length).toBe(2);
    const trees = ok.engine.acking!.trees!.list();
    expect(trees.map((t) => t.status)).toEqual(['acked', 'acked', 'acked', 'acked']);
    // The batch tuple belongs to both trees: each has an edge to the sink (each anchor gets its own id).
    const sink = ok.engine.rt.components[2]!.instances[0]!.index;
    const toSink = trees.slice(0, 2).map((t) => t.edges.filter((e) => e.to === sink));
    expect(toSink.map((edges) => edges.length)).toEqual([1, 1]);
    expect(toSink[0]![0]!.status).toBe('acked');
    expect(toSink[1]![0]!.status).toBe('acked');

    // Drop the first batch on its way to the sink: both of its events time out and are replayed.
    const lost = TestEngine.of(job, {
      ...ALO,
      runFor: 40,
      keepTrees: 100,
      acking: { timeout: 100 },
      failures: [{ at: 10, action: 'drop', from: 'batch', to: 'sink', duration: 5 }],
    }).run();
    const stats = lost.engine.acking!.snapshotStats();
    expect(stats.timedOut).toBe(2);
    expect(stats.replayed).toBe(2);
    const lostTrees = lost.engine.acking!.trees!.list();
    expect(lostTrees.filter((t) => t.status === 'timed-out').map((t) => t.id)).toEqual([0, 1]);
    expect(lost.rows('sink').length).toBe(2);
  });

  it('replay order: a failed A is replayed after B and C — the sink sees [B, C, A]', () => {
    const job = {
      components: [
        {
          id: 'src',
          kind: 'records-source',
          records: [
            { key: 'A', value: 1, at: 0 },
            { key: 'B', value: 2, at: 1 },
            { key: 'C', value: 3, at: 2 },
          ],
        },
        { id: 'analyzer', kind: 'map', cost: 5 },
        { id: 'sink', kind: 'append-sink' },
      ],
      edges: [
        { from: 'src', to: 'analyzer' },
        { from: 'analyzer', to: 'sink' },
      ],
    };
    // The analyzer fails whatever it processes in its first 2 ms: only A.
    const failures = [{ at: 0, action: 'fail-events', component: 'analyzer', duration: 2 }];
    const amo = TestEngine.of(job, { failures }).run();
    expect(amo.rows('sink').map((r) => r.key)).toEqual(['B', 'C']);
    const alo = TestEngine.of(job, { ...ALO, failures, trace: true }).run();
    expect(alo.rows('sink').map((r) => r.key)).toEqual(['B', 'C', 'A']);
    expect(alo.engine.acking!.snapshotStats()).toMatchObject({ failed: 1, replayed: 1, acked: 3 });
    expect(alo.engine.eventCounts('analyzer', 0)).toEqual({ processed: 2, delivered: 1 });
  });

  it('a late ack for a root that already timed out is ignored; the replay is what counts', () => {
    const job = {
      components: [
        { id: 'src', kind: 'records-source', records: [{ key: 'A', value: 1, at: 0 }] },
        { id: 'slow', kind: 'map', cost: 10 },
        { id: 'sink', kind: 'append-sink' },
      ],
      edges: [
        { from: 'src', to: 'slow' },
        { from: 'slow', to: 'sink' },
      ],
    };
    // The map is 20× slower at first: the first attempt takes ~200 ms and its root times out at the
    // second tick (200 ms); its completion arrives just after. The replay is fast.
    const failures = [{ at: 0, action: 'slow', component: 'slow', factor: 20, duration: 5 }];
    const t = TestEngine.of(job, { ...ALO, trace: true, failures, acking: { timeout: 100 } }).run();
    const done = t.events.filter((e) => e.type === 'root-done');
    expect(done.map((e) => e.type === 'root-done' && e.outcome)).toEqual(['ignored', 'acked']);
    expect(t.engine.acking!.snapshotStats()).toMatchObject({ timedOut: 1, replayed: 1, acked: 1 });
    expect(t.rows('sink').length).toBe(2); // a slow tree is not a failed one: the duplicate is real
  });

  it('max-pending caps roots in flight: the source waits for acks', () => {
    const job = {
      components: [
        { id: 'src', kind: 'log-source', prefill: 50 },
        { id: 'sink', kind: 'append-sink', cost: 10 },
      ],
      edges: [{ from: 'src', to: 'sink', capacity: 1000 }],
    };
    const t = TestEngine.of(job, { ...ALO, acking: { maxPending: 3 } });
    let max = 0;
    t.everyStep((engine) => (max = Math.max(max, engine.acking!.pending[0]!.size)));
    expect(max).toBe(3);
    expect(t.rows('sink').length).toBe(50);
  });

  it('a crashed acker loses its trees: they time out and are replayed', () => {
    const t = TestEngine.of(
      {
        components: [
          { id: 'src', kind: 'generator-source', rate: 100 },
          { id: 'map', kind: 'map', cost: 20 },
          { id: 'sink', kind: 'append-sink' },
        ],
        edges: [
          { from: 'src', to: 'map' },
          { from: 'map', to: 'sink' },
        ],
      },
      {
        ...ALO,
        runFor: 500,
        acking: { timeout: 300 },
        failures: [{ at: 250, action: 'crash-acker', restartAfter: 10 }],
      },
    ).run();
    const stats = t.engine.acking!.snapshotStats();
    expect(stats.timedOut).toBeGreaterThan(0);
    expect(stats.replayed).toBe(stats.timedOut);
    expect(t.rows('sink').length).toBeGreaterThanOrEqual(50);
    expect(new Set(t.rows('sink').map((r) => r.id)).size).toBe(50);
  });
});

/** Failure schedules that also crash the acker. */
function failuresWithAcker(g: GeneratedJob, runFor: number) {
  return fc
    .tuple(
      failuresArb(g, runFor),
      fc.option(
        fc
          .integer({ min: 0, max: runFor })
          .map((at) => ({ at, action: 'crash-acker', instance: at % 2, restartAfter: 50 })),
      ),
    )
    .map(([fs, acker]) => (acker ? [...fs, acker] : fs));
}

describe('at-least-once by acking: failures at the source', () => {
  it('a failed read fails its tree and the record is replayed', () => {
    const t = TestEngine.of(
      {
        components: [
          {
            id: 'src',
            kind: 'records-source',
            records: [
              { key: 'A', value: 1, at: 0 },
              { key: 'B', value: 2, at: 0.5 },
            ],
          },
          { id: 'sink', kind: 'append-sink' },
        ],
        edges: [{ from: 'src', to: 'sink' }],
      },
      { ...ALO, failures: [{ at: 0, action: 'fail-events', component: 'src', duration: 0.25 }] },
    ).run();
    expect(t.rows('sink').map((r) => r.key)).toEqual(['B', 'A']);
    expect(t.engine.acking!.snapshotStats()).toMatchObject({ failed: 1, replayed: 1, acked: 2 });
  });

  it('a crashed source resumes at its oldest offset not yet acked: nothing is lost', () => {
    const job = {
      components: [
        { id: 'src', kind: 'log-source', prefill: 20, cost: 1 },
        { id: 'map', kind: 'map', cost: 5 },
        { id: 'sink', kind: 'append-sink' },
      ],
      edges: [
        { from: 'src', to: 'map' },
        { from: 'map', to: 'sink' },
      ],
    };
    const t = TestEngine.of(job, {
      ...ALO,
      failures: [{ at: 30, action: 'crash', component: 'src', restartAfter: 10 }],
    }).run();
    const ids = t.rows('sink').map((r) => r.id);
    expect(new Set(ids).size).toBe(20);
    expect(ids.length).toBeGreaterThan(20); // some acked records were read again: duplicates
  });
});

describe('the acknowledger as the UI sees it', () => {
  it('view(): counters, pending buffers, acker entries and recorded trees with edge ids, statuses and ack values', () => {
    const t = TestEngine.of(
      {
        components: [
          { id: 'src', kind: 'generator-source', rate: 100 },
          { id: 'split', kind: 'map', cost: 3 },
          { id: 'a', kind: 'append-sink' },
          { id: 'b', kind: 'append-sink' },
        ],
        edges: [
          { from: 'src', to: 'split' },
          { from: 'split', to: 'a' },
          { from: 'split', to: 'b' },
        ],
      },
      { ...ALO, runFor: 100, keepTrees: 5 },
    ).runUntil(52);
    const view = t.engine.acking!.view();
    expect(view.stats.emitted).toBe(6);
    expect(view.sources[0]!.pendingCount).toBeGreaterThan(0);
    expect(view.sources[0]!.pending[0]).toMatchObject({ partition: 0, attempt: 1 });
    expect(view.ackers[0]!.up).toBe(true);
    expect(view.trees.length).toBe(5);
    const done = view.trees.find((tree) => tree.status === 'acked')!;
    // Source → split, then split → a and split → b: a fan-out tree of three edges, all acked.
    expect(done.edges.map((e) => e.status)).toEqual(['acked', 'acked', 'acked']);
    expect(done.edges.filter((e) => e.parent === done.edges[0]!.id)).toHaveLength(2);
    expect(done.ackValue).toBe('0000000000000000');
    expect(done.edges[0]!.id).toMatch(/^[0-9a-f]{16}$/);
    const open = view.trees.find((tree) => tree.status === 'pending')!;
    expect(open.ackValue).not.toBe('0000000000000000');
  });
});
