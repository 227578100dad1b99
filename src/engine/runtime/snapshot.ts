import type { Checkpointing } from '../checkpoint/Checkpointing.ts';
import type {
  CheckpointingSnapshot,
  ComponentSnapshot,
  Counters,
  EngineSnapshot,
  InstanceSnapshot,
} from '../model/snapshot.ts';
import { TransactionalTable } from '../operators/TransactionalTable.ts';
import type { Channel } from './Channel.ts';
import type { Engine } from './Engine.ts';
import type { InstanceRuntime } from './Instance.ts';

/** A plain-data picture of the engine (for the UI, the CLI and tests). Not on the hot path. */
export function takeSnapshot(engine: Engine): EngineSnapshot {
  const now = engine.now;
  const { rt } = engine;
  const components: ComponentSnapshot[] = rt.components.map((comp) => {
    const instances = comp.instances.map((inst) => instanceSnapshot(engine, inst));
    const total = sumCounters(instances);
    // Idle instances do not hold event time back, so they do not count.
    const marks = instances.filter((i) => !i.idle).map((i) => i.watermark);
    const streamTimes = instances.flatMap((i) => (i.streamTime === null ? [] : [i.streamTime]));
    return {
      id: comp.id,
      kind: comp.plan.spec.kind,
      role: comp.plan.role,
      parallelism: comp.instances.length,
      ...total,
      instances,
      watermark:
        marks.length === 0 || marks.some((m) => m === null) ? null : Math.min(...(marks as number[])),
      streamTime: streamTimes.length === 0 ? null : Math.max(...streamTimes),
      ...(comp.table
        ? {
            sink: {
              rows: comp.table.size,
              writes: comp.table.writes,
              ...(comp.table instanceof TransactionalTable
                ? { transactions: { ...comp.table.summary(), recent: comp.table.transactions() } }
                : {}),
            },
          }
        : {}),
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
    barriers: barrierIds(ch),
    blocked: ch.blocked,
    ...channelTime(ch),
  }));
  return {
    time: now,
    steps: engine.steps,
    done: engine.done,
    traceHash: engine.traceHash(),
    components,
    channels,
    checkpointing: engine.checkpointing === null ? null : checkpointingSnapshot(engine.checkpointing),
  };
}

const HISTORY_SHOWN = 50;

function checkpointingSnapshot(cp: Checkpointing): CheckpointingSnapshot {
  return {
    mode: cp.mode,
    state: cp.state,
    consecutiveFailures: cp.consecutiveFailures,
    tolerableFailures: cp.settings.tolerableFailures,
    pending: cp.coordinator.pendingView(),
    history: cp.coordinator.history.slice(-HISTORY_SHOWN).map((c) => ({ ...c, acks: [...c.acks] })),
    retained: cp.coordinator.retainedCheckpoints().map((c) => c.id),
    recoveries: cp.recoveries.map((r) => ({ ...r })),
    noticesLost: cp.noticesLost,
  };
}

function channelTime(ch: Channel): { watermark: number | null; idle: boolean } {
  const c = ch.target.valve?.channel(ch.inputIndex);
  return {
    watermark: c === undefined || c.watermark === -Infinity ? null : c.watermark,
    idle: c !== undefined && !c.active,
  };
}

/** An instance's event time: a source's last emitted watermark, or an operator's output. */
export function instanceTime(inst: InstanceRuntime): {
  watermark: number | null;
  idle: boolean;
  streamTime: number | null;
} {
  const w = inst.valve?.output ?? inst.sourceWatermarks?.emitted ?? -Infinity;
  const streamTime = inst.logic?.currentStreamTime?.();
  return {
    watermark: w === -Infinity ? null : w,
    idle: inst.valve?.idle ?? inst.sourceWatermarks?.idle ?? false,
    streamTime: streamTime === undefined || streamTime === -Infinity ? null : streamTime,
  };
}

function barrierIds(ch: Channel): number[] {
  const ids: number[] = [];
  for (const e of ch.entries()) if (e.element.kind === 'barrier') ids.push(e.element.checkpointId);
  return ids;
}

function instanceSnapshot(engine: Engine, inst: InstanceRuntime): InstanceSnapshot {
  const now = engine.now;
  let queued = 0;
  let dropped = 0;
  let alignmentBuffer = 0;
  for (const ch of inst.inputs) {
    const waiting = ch.census(now).queued;
    queued += waiting;
    dropped += ch.dropped;
    if (ch.blocked) alignmentBuffer += waiting;
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
    ...instanceTime(inst),
    aligning: engine.checkpointing?.handlers[inst.index]?.aligning ?? false,
    aligningCheckpoint: engine.checkpointing?.handlers[inst.index]?.aligningCheckpoint ?? null,
    alignmentBuffer,
    received: inst.processed,
    processed: inst.processed,
    delivered: inst.processed - inst.failed,
    failed: inst.failed,
    emitted: inst.emitted,
    earlyOut: inst.earlyOut,
    lost: inst.lost,
    dropped,
    queued,
    lateDropped: inst.logic?.lateDropped?.() ?? 0,
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
  'lateDropped',
] as const satisfies readonly (keyof Counters)[];

function sumCounters(instances: readonly Counters[]): Counters {
  const total = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as unknown as Counters;
  for (const inst of instances) for (const k of COUNTERS) total[k] += inst[k];
  return total;
}
