import type { KeyTable } from '../core/KeyTable.ts';
import type { Plan } from '../graph/plan.ts';
import type { JobSpec, OperatorSpec, SinkSpec, SourceSpec } from '../model/types.ts';
import { createOperator, createSinkTable } from '../operators/index.ts';
import type { OperatorLogic } from '../operators/Operator.ts';
import { GeneratedLog } from '../sources/generatedLog.ts';
import type { PartitionLog } from '../sources/PartitionLog.ts';
import { recordsLog } from '../sources/recordsLog.ts';
import { watermarkStrategy } from '../time/strategy.ts';
import { SourceWatermarks } from '../time/SourceWatermarks.ts';
import { WatermarkValve } from '../time/WatermarkValve.ts';
import { SourceReader } from '../sources/SourceReader.ts';
import { Channel } from './Channel.ts';
import { EventCounts } from './EventCounts.ts';
import { ComponentRuntime, EdgeRuntime, Field, InstanceRuntime, Route } from './Instance.ts';

/** Everything the engine runs on, built from a plan. */
export interface Runtime {
  readonly components: ComponentRuntime[];
  readonly instances: InstanceRuntime[];
  readonly edges: EdgeRuntime[];
  readonly channels: Channel[];
  /** Source instances in port order: port = channels.length + position in this list. */
  readonly sourceInstances: InstanceRuntime[];
}

/**
 * Builds runtime objects for a planned job. `runFor` bounds generated input; `checkpointed`: the
 * job takes checkpoints (transactional sinks commit on them).
 */
export function buildRuntime(
  job: JobSpec,
  plan: Plan,
  seed: number,
  runFor: number,
  keys: KeyTable,
  checkpointed: boolean,
): Runtime {
  const sourceSpecs = job.components.filter((c) => c.kind.endsWith('-source'));
  const edges = plan.edges.map((e) => new EdgeRuntime(e.index, e.spec));
  const channels = plan.channels.map((c) => {
    const spec = plan.edges[c.edge]!.spec;
    return new Channel(
      c.index,
      c.fromInstance,
      c.toInstance,
      c.edge,
      edges[c.edge]!,
      spec.capacity,
      spec.latency,
      spec.overflow === 'drop',
    );
  });
  const instances: InstanceRuntime[] = [];
  const sourceInstances: InstanceRuntime[] = [];

  const components = plan.components.map((pc) => {
    const spec = pc.spec;
    const table = pc.role === 'sink' ? createSinkTable(spec as SinkSpec, keys, checkpointed) : null;
    const comp = new ComponentRuntime(pc, new EventCounts(), table);
    const inputFrom = pc.inputs.map((e) => plan.components[plan.edges[e]!.from]!.id);
    comp.inputFrom = inputFrom;
    const logs =
      pc.role === 'source'
        ? sourceLogs(spec as SourceSpec, sourceSpecs.indexOf(spec), sourceSpecs.length, seed, runFor, keys)
        : [];
    for (const index of pc.instances) {
      const planned = plan.instances[index]!;
      let logic: OperatorLogic | null = null;
      let reader: SourceReader | null = null;
      let port = -1;
      let slot = -1;
      if (pc.role === 'source') {
        const owned = logs.map((_, p) => p).filter((p) => p % spec.parallelism === planned.sub);
        reader = new SourceReader(
          owned,
          owned.map((p) => logs[p]!),
        );
        slot = sourceInstances.length;
        port = channels.length + slot;
      } else if (!table) {
        logic = createOperator(spec as OperatorSpec, keys, inputFrom);
      }
      const inst = new InstanceRuntime(index, planned.sub, planned.name, comp, logic, reader, port, slot);
      if (reader) sourceInstances.push(inst);
      comp.instances.push(inst);
      instances.push(inst);
    }
    return comp;
  });

  for (const ch of channels) {
    ch.target = instances[ch.toInstance]!;
    ch.sender = instances[ch.fromInstance]!;
  }
  for (const pe of plan.edges) {
    const edge = edges[pe.index]!;
    const grouping = Route[pe.spec.grouping];
    const field = Field[pe.spec.field];
    const port = plan.components[pe.to]!.inputs.indexOf(pe.index);
    pe.channels.forEach((row, fromSub) => {
      const sender = components[pe.from]!.instances[fromSub]!;
      const route = {
        edge,
        grouping,
        field,
        channels: row.filter((c) => c >= 0).map((c) => channels[c]!),
        rr: 0,
      };
      (pe.spec.output === 'late' ? sender.lateOutputs : sender.outputs).push(route);
      for (const c of row) {
        if (c < 0) continue;
        const ch = channels[c]!;
        const target = instances[ch.toInstance]!;
        ch.inputIndex = target.inputs.length;
        ch.inputPort = port;
        target.inputs.push(ch);
      }
    });
  }
  for (const comp of components) {
    for (const inst of comp.instances) {
      if (inst.reader === null) inst.valve = new WatermarkValve(inst.inputs.length);
      else {
        const strategy = watermarkStrategy(comp.plan.spec as SourceSpec);
        if (strategy.strategy !== 'none')
          inst.sourceWatermarks = new SourceWatermarks(strategy, inst.reader.partitions.length);
      }
    }
  }
  return { components, instances, edges, channels, sourceInstances };
}

function sourceLogs(
  spec: SourceSpec,
  sourceIndex: number,
  sourceCount: number,
  seed: number,
  runFor: number,
  keys: KeyTable,
): PartitionLog[] {
  if (spec.kind === 'records-source')
    return recordsLog(spec.records, spec.partitions, sourceIndex, sourceCount, keys);
  const partitions =
    spec.kind === 'generator-source' ? (spec.partitions ?? spec.parallelism) : spec.partitions;
  const log = new GeneratedLog(
    {
      seed,
      sourceIndex,
      sourceCount,
      partitions,
      prefill: spec.kind === 'log-source' ? spec.prefill : 0,
      rate: spec.rate,
      stopAt: runFor,
      count: spec.kind === 'generator-source' ? (spec.count ?? Infinity) : Infinity,
      keys: spec.keys,
      distribution: spec.distribution,
      skew: spec.skew,
      valueMin: spec.value.min,
      valueMax: spec.value.max,
      disorder: spec.disorder,
    },
    keys,
  );
  return Array.from({ length: partitions }, (_, p) => log.partition(p));
}
