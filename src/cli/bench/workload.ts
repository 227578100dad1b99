import { Engine, parseJob, type AckMode, type Semantics } from '../../engine/index.ts';

/** The standard benchmark workload as a StreamLab job: source → map → keyed count over `keys` keys → sink. */
export function benchmarkJob(keys: number) {
  return parseJob({
    components: [
      { id: 'source', kind: 'generator-source', rate: 1_000_000, keys, cost: 0 },
      { id: 'map', kind: 'map', fn: { op: 'add', amount: 1 }, cost: 0 },
      { id: 'count', kind: 'count', cost: 0 },
      { id: 'sink', kind: 'upsert-sink', cost: 0 },
    ],
    edges: [
      { from: 'source', to: 'map', capacity: 1024, latency: 0 },
      { from: 'map', to: 'count', capacity: 1024, latency: 0 },
      { from: 'count', to: 'sink', capacity: 1024, latency: 0 },
    ],
  });
}

/** Runs `events` events through the engine; returns the same checksum as the reference kernel. */
export function runEngineWorkload(
  events: number,
  seed: number,
  keys: number,
  semantics: Semantics,
  ackMode: AckMode = 'acking',
): number {
  const job = benchmarkJob(keys);
  // At 1 M events/s of virtual time, `events` events take events / 1000 virtual ms.
  const engine = new Engine(job, { seed, semantics, ackMode, runFor: events / 1000 });
  engine.runToCompletion();
  let checksum = 0;
  for (const row of engine.sinkRows('sink')) {
    checksum = (checksum + Math.imul(row.value, Number(row.key.slice(1)) + 1)) >>> 0;
  }
  return checksum;
}
