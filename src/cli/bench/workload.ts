import { CheckpointSettings, Engine, parseJob, type AckMode, type Semantics } from '../../engine/index.ts';

/**
 * The standard benchmark workload as a StreamLab job: source → map → keyed count over `keys` keys →
 * sink (an upsert table; with exactly-once, a two-phase-commit sink, so its transactions are measured too).
 */
export function benchmarkJob(keys: number, sink: 'upsert-sink' | 'transactional-sink' = 'upsert-sink') {
  return parseJob({
    components: [
      { id: 'source', kind: 'generator-source', rate: 1_000_000, keys, cost: 0 },
      { id: 'map', kind: 'map', fn: { op: 'add', amount: 1 }, cost: 0 },
      { id: 'count', kind: 'count', cost: 0 },
      { id: 'sink', kind: sink, cost: 0 },
    ],
    edges: [
      { from: 'source', to: 'map', capacity: 1024, latency: 0 },
      { from: 'map', to: 'count', capacity: 1024, latency: 0 },
      { from: 'count', to: 'sink', capacity: 1024, latency: 0 },
    ],
  });
}

/**
 * The same workload with the count in event-time windows instead: source (watermarks every 5 ms,
 * no disorder) → map → keyed window count → append sink of panes. Tumbling windows of 10 ms; or
 * sessions with a 1 ms gap, which at this rate never close before the end of input (every event
 * merges into its key's session).
 */
export function windowedJob(keys: number, window: 'tumbling' | 'session') {
  return parseJob({
    components: [
      {
        id: 'source',
        kind: 'generator-source',
        rate: 1_000_000,
        keys,
        cost: 0,
        watermarks: { strategy: 'bounded-out-of-orderness', bound: 0, interval: 5 },
      },
      { id: 'map', kind: 'map', fn: { op: 'add', amount: 1 }, cost: 0 },
      {
        id: 'count',
        kind: 'window',
        window: window === 'tumbling' ? { type: 'tumbling', size: 10 } : { type: 'session', gap: 1 },
        cost: 0,
      },
      { id: 'sink', kind: 'append-sink', cost: 0 },
    ],
    edges: [
      { from: 'source', to: 'map', capacity: 1024, latency: 0 },
      { from: 'map', to: 'count', capacity: 1024, latency: 0 },
      { from: 'count', to: 'sink', capacity: 1024, latency: 0 },
    ],
  });
}

export interface WorkloadOptions {
  readonly ackMode?: AckMode;
  /** Checkpointing: a checkpoint every this many source events. */
  readonly checkpointEvery?: number;
  /** Count in event-time windows (see windowedJob). */
  readonly window?: 'tumbling' | 'session';
}

/** The source's rate in the benchmark job: events per virtual second. */
const RATE = 1_000_000;

/**
 * Runs `events` events through the engine; returns how to compute the checksum of its output (the
 * same as the reference kernel's), so that reading the output stays out of the timing.
 */
export function runEngineWorkload(
  events: number,
  seed: number,
  keys: number,
  semantics: Semantics,
  options: WorkloadOptions = {},
): () => number {
  const job =
    options.window !== undefined
      ? windowedJob(keys, options.window)
      : benchmarkJob(keys, semantics === 'exactly-once' ? 'transactional-sink' : 'upsert-sink');
  const everyMs = ((options.checkpointEvery ?? 10_000) / RATE) * 1000;
  const engine = new Engine(job, {
    seed,
    semantics,
    ackMode: options.ackMode ?? 'acking',
    checkpointing: CheckpointSettings.parse({ interval: everyMs }),
    runFor: (events / RATE) * 1000,
  });
  engine.runToCompletion();
  return () => finalCountsChecksum(engine);
}

function finalCountsChecksum(engine: Engine): number {
  // The final count per key: the last row of each key (an upsert table holds only that one); with
  // windows, the sum of the key's panes (each window's on-time pane counts its events once).
  const total = new Map<string, number>();
  for (const row of engine.sinkRows('sink')) {
    total.set(row.key, row.pane === undefined ? row.value : (total.get(row.key) ?? 0) + row.value);
  }
  let checksum = 0;
  for (const [key, value] of total) checksum = (checksum + Math.imul(value, Number(key.slice(1)) + 1)) >>> 0;
  return checksum;
}
