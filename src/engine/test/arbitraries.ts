import fc from 'fast-check';
import type { JobSpecInput } from '../model/types.ts';

/** A generated job plus the shape facts tests need. */
export interface GeneratedJob {
  readonly job: JobSpecInput;
  /** True when no event can reach a component twice (no broadcast, no re-merging paths). */
  readonly tree: boolean;
  /** Ids of operator and sink components. */
  readonly targets: { id: string; parallelism: number }[];
  /** Edges as [from, to]. */
  readonly edges: [string, string][];
}

const operatorKind = fc.constantFrom('map', 'filter', 'count', 'sum', 'analyzer', 'dedupe');
const grouping = fc.constantFrom('shuffle', 'fields', 'global');

function operatorSpec(kind: string, id: string, parallelism: number, cost: number) {
  switch (kind) {
    case 'map':
      return { id, kind, parallelism, cost, fn: { op: 'add', amount: 1 } };
    case 'filter':
      return { id, kind, parallelism, cost, predicate: { op: 'sample', rate: 0.7 } };
    case 'count':
    case 'sum':
      return { id, kind, parallelism, cost };
    case 'analyzer':
      return { id, kind, parallelism, cost, store: 'db' };
    default:
      return { id, kind, parallelism, cost };
  }
}

/**
 * Random jobs: one or two generator sources, a chain of 1–4 operators (parallelism 1–4, any
 * grouping), optionally a second branch that fans out from the first operator, optionally
 * re-merging (fan-in) or using broadcast, ending in append and upsert sinks.
 */
export const jobArb: fc.Arbitrary<GeneratedJob> = fc
  .record({
    sources: fc.integer({ min: 1, max: 2 }),
    rate: fc.integer({ min: 50, max: 400 }),
    keys: fc.integer({ min: 1, max: 20 }),
    chain: fc.array(
      fc.record({
        kind: operatorKind,
        parallelism: fc.integer({ min: 1, max: 4 }),
        cost: fc.constantFrom(0.5, 1, 2, 4),
        grouping,
      }),
      { minLength: 1, maxLength: 4 },
    ),
    branch: fc.constantFrom('none', 'fan-out', 'diamond', 'broadcast'),
    capacity: fc.constantFrom(2, 8, 64),
    latency: fc.constantFrom(0, 1, 3),
    sinkCost: fc.constantFrom(0.5, 1, 3),
    upsert: fc.boolean(),
  })
  .map((g) => {
    const components: Record<string, unknown>[] = [];
    const edges: Record<string, unknown>[] = [];
    const pairs: [string, string][] = [];
    const connect = (from: string, to: string, grp: string) => {
      edges.push({ from, to, grouping: grp, capacity: g.capacity, latency: g.latency });
      pairs.push([from, to]);
    };
    for (let s = 0; s < g.sources; s++) {
      components.push({
        id: `src${s}`,
        kind: 'generator-source',
        rate: g.rate,
        keys: g.keys,
        parallelism: s + 1,
      });
    }
    g.chain.forEach((op, i) => {
      components.push(operatorSpec(op.kind, `op${i}`, op.parallelism, op.cost));
      if (i === 0) for (let s = 0; s < g.sources; s++) connect(`src${s}`, 'op0', op.grouping);
      else connect(`op${i - 1}`, `op${i}`, op.grouping);
    });
    const last = `op${g.chain.length - 1}`;
    components.push({ id: 'sink', kind: g.upsert ? 'upsert-sink' : 'append-sink', cost: g.sinkCost });
    connect(last, 'sink', 'shuffle');
    let tree = true;
    if (g.branch !== 'none') {
      components.push({ id: 'side', kind: 'map', parallelism: 2, cost: 1, fn: { op: 'scale', factor: 2 } });
      connect('op0', 'side', g.branch === 'broadcast' ? 'all' : 'fields');
      if (g.branch === 'diamond' || g.branch === 'broadcast') {
        if (last === 'op0') {
          components.push({ id: 'side-sink', kind: 'append-sink', cost: 1 });
          connect('side', 'side-sink', 'shuffle');
        } else connect('side', last, 'shuffle');
        tree = false;
      } else {
        components.push({ id: 'side-sink', kind: 'append-sink', cost: 1 });
        connect('side', 'side-sink', 'shuffle');
      }
      if (g.branch === 'broadcast') tree = false;
    }
    const targets = components
      .filter((c) => !String(c.kind).endsWith('-source'))
      .map((c) => ({ id: String(c.id), parallelism: Number(c.parallelism ?? 1) }));
    return { job: { components, edges } as unknown as JobSpecInput, tree, targets, edges: pairs };
  });

/** A random failure schedule for a generated job, within the first `runFor` ms. */
export function failuresArb(g: GeneratedJob, runFor: number): fc.Arbitrary<unknown[]> {
  const target = fc.constantFrom(...g.targets);
  const edge = fc.constantFrom(...g.edges);
  const at = fc.integer({ min: 0, max: runFor });
  const failure = fc.oneof(
    fc.record({ at, target, restartAfter: fc.integer({ min: 0, max: 300 }) }).map((f) => ({
      at: f.at,
      action: 'crash',
      component: f.target.id,
      instance: f.at % f.target.parallelism,
      restartAfter: f.restartAfter,
    })),
    fc.record({ at, target, p: fc.double({ min: 0.1, max: 1, noNaN: true }) }).map((f) => ({
      at: f.at,
      action: 'fail-events',
      component: f.target.id,
      probability: f.p,
      duration: 100,
    })),
    fc.record({ at, edge, p: fc.double({ min: 0.1, max: 1, noNaN: true }) }).map((f) => ({
      at: f.at,
      action: 'drop',
      from: f.edge[0],
      to: f.edge[1],
      probability: f.p,
      duration: 150,
    })),
    fc
      .record({ at, edge })
      .map((f) => ({ at: f.at, action: 'delay', from: f.edge[0], to: f.edge[1], extra: 20, duration: 200 })),
    fc
      .record({ at, target })
      .map((f) => ({ at: f.at, action: 'slow', component: f.target.id, factor: 5, duration: 200 })),
  );
  const outage = g.job.components.some((c) => c.kind === 'analyzer')
    ? [fc.record({ at }).map((f) => ({ at: f.at, action: 'store-outage', store: 'db', duration: 100 }))]
    : [];
  return fc.array(outage.length ? fc.oneof(failure, ...outage) : failure, { maxLength: 5 });
}

/** A generated job whose output does not depend on how inputs interleave (see keyedJobArb). */
export interface KeyedJob extends GeneratedJob {
  /** Every key reaches the upsert sink along one FIFO path, so its last write is its final value. */
  readonly orderedPerKey: boolean;
}

const keyedOperator = fc.constantFrom('map', 'filter', 'count', 'analyzer');

/**
 * Random jobs for end-to-end exactly-once: 1–2 sources, a chain of 1–3 operators (map, filter,
 * keyed count behind a fields grouping, analyzer; parallelism 1–4), optionally a second branch that
 * fans out, re-merges (fan-in) or is broadcast, and three sinks on the last operator: a
 * transactional one, a plain append one and an upsert one. Counts sit behind key-partitioned
 * edges, so the multiset of output rows is the same whatever order the inputs interleave in.
 */
export const keyedJobArb: fc.Arbitrary<KeyedJob> = fc
  .record({
    sources: fc.integer({ min: 1, max: 2 }),
    rate: fc.integer({ min: 50, max: 300 }),
    keys: fc.integer({ min: 1, max: 12 }),
    chain: fc.array(
      fc.record({
        kind: keyedOperator,
        parallelism: fc.integer({ min: 1, max: 4 }),
        cost: fc.constantFrom(0.5, 1, 2),
        grouping: fc.constantFrom('shuffle', 'fields'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    branch: fc.constantFrom('none', 'fan-out', 'diamond', 'broadcast'),
    capacity: fc.constantFrom(4, 16, 64),
    latency: fc.constantFrom(0, 1, 3),
    sinkParallelism: fc.integer({ min: 1, max: 3 }),
  })
  .map((g) => {
    const components: Record<string, unknown>[] = [];
    const edges: Record<string, unknown>[] = [];
    const pairs: [string, string][] = [];
    const connect = (from: string, to: string, grouping: string) => {
      edges.push({ from, to, grouping, capacity: g.capacity, latency: g.latency });
      pairs.push([from, to]);
    };
    for (let s = 0; s < g.sources; s++) {
      components.push({
        id: `src${s}`,
        kind: 'generator-source',
        rate: g.rate,
        keys: g.keys,
        parallelism: s + 1,
      });
    }
    const firstCount = g.chain.findIndex((op) => op.kind === 'count');
    g.chain.forEach((op, i) => {
      // A sample filter after a count would keep different totals when the ids carrying them change.
      const kind = op.kind === 'filter' && firstCount >= 0 && i > firstCount ? 'map' : op.kind;
      components.push(operatorSpec(kind, `op${i}`, op.parallelism, op.cost));
      // Counts are keyed state: their input is partitioned by key (Flink's keyBy), and so is
      // everything after the first count, so that each key's totals travel one FIFO path.
      const grouping = op.kind === 'count' || (firstCount >= 0 && i > firstCount) ? 'fields' : op.grouping;
      if (i === 0) for (let s = 0; s < g.sources; s++) connect(`src${s}`, 'op0', grouping);
      else connect(`op${i - 1}`, `op${i}`, grouping);
    });
    const last = `op${g.chain.length - 1}`;
    components.push({ id: 'tx', kind: 'transactional-sink', parallelism: g.sinkParallelism });
    components.push({ id: 'plain', kind: 'append-sink' });
    components.push({ id: 'table', kind: 'upsert-sink' });
    connect(last, 'tx', 'shuffle');
    connect(last, 'plain', 'shuffle');
    connect(last, 'table', 'fields');
    // Each key's final total reaches the table last only behind a count, along a single path.
    let orderedPerKey = firstCount >= 0;
    if (g.branch !== 'none') {
      components.push({ id: 'side', kind: 'map', parallelism: 2, cost: 1, fn: { op: 'scale', factor: 2 } });
      connect('op0', 'side', g.branch === 'broadcast' ? 'all' : 'fields');
      if ((g.branch === 'diamond' || g.branch === 'broadcast') && last !== 'op0') {
        connect('side', last, 'fields');
        orderedPerKey = false;
      } else {
        components.push({ id: 'side-sink', kind: 'transactional-sink' });
        connect('side', 'side-sink', 'shuffle');
      }
    }
    const targets = components
      .filter((c) => !String(c.kind).endsWith('-source'))
      .map((c) => ({ id: String(c.id), parallelism: Number(c.parallelism ?? 1) }));
    const job = { components, edges } as unknown as JobSpecInput;
    return { job, tree: orderedPerKey, targets, edges: pairs, orderedPerKey };
  });

/** Failures for checkpointed runs: those of {@link failuresArb} plus checkpoint storage failures and lost notices. */
export function checkpointFailuresArb(g: GeneratedJob, runFor: number): fc.Arbitrary<unknown[]> {
  const at = fc.integer({ min: 0, max: runFor });
  const checkpointFailure = fc.oneof(
    fc
      .record({ at, duration: fc.integer({ min: 10, max: 300 }) })
      .map((f) => ({ ...f, action: 'checkpoint-storage-failure' })),
    fc
      .record({ at, duration: fc.integer({ min: 10, max: 300 }) })
      .map((f) => ({ ...f, action: 'lose-checkpoint-notices' })),
  );
  return fc
    .tuple(failuresArb(g, runFor), fc.array(checkpointFailure, { maxLength: 2 }))
    .map(([a, b]) => [...a, ...b]);
}
