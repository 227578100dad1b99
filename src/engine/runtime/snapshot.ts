import type { ComponentSnapshot, Counters, EngineSnapshot, InstanceSnapshot } from '../model/snapshot.ts';
import type { Engine } from './Engine.ts';
import type { InstanceRuntime } from './Instance.ts';

/** A plain-data picture of the engine (for the UI, the CLI and tests). Not on the hot path. */
export function takeSnapshot(engine: Engine): EngineSnapshot {
  const now = engine.now;
  const { rt } = engine;
  const components: ComponentSnapshot[] = rt.components.map((comp) => {
    const instances = comp.instances.map((inst) => instanceSnapshot(engine, inst));
    const total = sumCounters(instances);
    return {
      id: comp.id,
      kind: comp.plan.spec.kind,
      role: comp.plan.role,
      parallelism: comp.instances.length,
      ...total,
      instances,
      ...(comp.table ? { sink: { rows: comp.table.size, writes: comp.table.writes } } : {}),
    };
  });
  const channels = rt.channels.map((ch) => ({
    index: ch.index,
    edge: ch.edge,
    from: rt.instances[ch.fromInstance]!.name,
    to: rt.instances[ch.toInstance]!.name,
    size: ch.size,
    capacity: ch.capacity,
    sent: ch.sent,
    received: ch.received,
    dropped: ch.dropped,
    lost: ch.lost,
  }));
  return {
    time: now,
    steps: engine.steps,
    done: engine.done,
    traceHash: engine.traceHash(),
    components,
    channels,
  };
}

function instanceSnapshot(engine: Engine, inst: InstanceRuntime): InstanceSnapshot {
  const now = engine.now;
  let queued = 0;
  let dropped = 0;
  for (const ch of inst.inputs) {
    queued += ch.census(now).queued;
    dropped += ch.dropped;
  }
  const reader = inst.reader;
  return {
    index: inst.index,
    sub: inst.sub,
    name: inst.name,
    health: inst.health,
    busy: inst.busyUntil > now,
    blocked: inst.fullOutputs > 0,
    blockedTime: inst.blockedTime + (inst.blockedSince >= 0 ? now - inst.blockedSince : 0),
    crashes: inst.crashes,
    stateSize: inst.logic?.stateSize() ?? 0,
    received: inst.processed,
    processed: inst.processed,
    delivered: inst.processed - inst.failed,
    failed: inst.failed,
    emitted: inst.emitted,
    earlyOut: inst.earlyOut,
    lost: inst.lost,
    dropped,
    queued,
    ...(reader
      ? {
          source: {
            partitions: [...reader.partitions],
            positions: [...reader.positions],
            endOffsets: reader.endOffsetsAt(now),
            lag: reader.lagAt(now),
          },
        }
      : {}),
  };
}

const COUNTERS = [
  'received',
  'processed',
  'delivered',
  'failed',
  'emitted',
  'earlyOut',
  'lost',
  'dropped',
  'queued',
] as const satisfies readonly (keyof Counters)[];

function sumCounters(instances: readonly Counters[]): Counters {
  const total = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as unknown as Counters;
  for (const inst of instances) for (const k of COUNTERS) total[k] += inst[k];
  return total;
}
