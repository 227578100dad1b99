import { roleOf, type ComponentSpec, type EdgeSpec, type JobSpec, type Role } from '../model/types.ts';

/**
 * The physical plan of a job: every component expanded into its parallel instances, and one FIFO
 * channel per (upstream instance, downstream instance) pair that its edge's grouping can use —
 * Flink's model, so that barriers can later be aligned per input channel.
 */
export interface Plan {
  readonly components: readonly PlannedComponent[];
  readonly edges: readonly PlannedEdge[];
  readonly instances: readonly PlannedInstance[];
  readonly channels: readonly PlannedChannel[];
}

export interface PlannedComponent {
  readonly index: number;
  readonly id: string;
  readonly role: Role;
  readonly spec: ComponentSpec;
  /** Global instance indices, by instance number. */
  readonly instances: readonly number[];
  /** Indices of incoming and outgoing edges. */
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
  /** Position in a topological order of the graph (sources first). */
  readonly depth: number;
}

export interface PlannedInstance {
  readonly index: number;
  readonly component: number;
  /** Instance number within its component (0 … parallelism − 1). */
  readonly sub: number;
  /** `component#sub`, the name the UI and the CLI use. */
  readonly name: string;
}

export interface PlannedEdge {
  readonly index: number;
  readonly spec: EdgeSpec;
  readonly from: number;
  readonly to: number;
  /** channels[fromSub][toSub] = channel index, or -1 when the grouping never uses that pair. */
  readonly channels: readonly (readonly number[])[];
}

export interface PlannedChannel {
  readonly index: number;
  readonly edge: number;
  readonly fromInstance: number;
  readonly toInstance: number;
}

/** Expands a validated job into its physical plan. Pure and deterministic. */
export function planJob(job: JobSpec): Plan {
  const ids = new Map(job.components.map((c, i) => [c.id, i]));
  const inputs: number[][] = job.components.map(() => []);
  const outputs: number[][] = job.components.map(() => []);
  job.edges.forEach((e, i) => {
    outputs[ids.get(e.from)!]!.push(i);
    inputs[ids.get(e.to)!]!.push(i);
  });
  const depth = depths(job, ids);

  const instances: PlannedInstance[] = [];
  const components: PlannedComponent[] = job.components.map((spec, index) => {
    const own: number[] = [];
    for (let sub = 0; sub < spec.parallelism; sub++) {
      own.push(instances.length);
      instances.push({ index: instances.length, component: index, sub, name: `${spec.id}#${sub}` });
    }
    return {
      index,
      id: spec.id,
      role: roleOf(spec.kind),
      spec,
      instances: own,
      inputs: inputs[index]!,
      outputs: outputs[index]!,
      depth: depth[index]!,
    };
  });

  const channels: PlannedChannel[] = [];
  const edges: PlannedEdge[] = job.edges.map((spec, index) => {
    const from = components[ids.get(spec.from)!]!;
    const to = components[ids.get(spec.to)!]!;
    const table = from.instances.map((fromInstance) =>
      to.instances.map((toInstance, toSub) => {
        if (spec.grouping === 'global' && toSub !== 0) return -1;
        channels.push({ index: channels.length, edge: index, fromInstance, toInstance });
        return channels.length - 1;
      }),
    );
    return { index, spec, from: from.index, to: to.index, channels: table };
  });

  return { components, edges, instances, channels };
}

/** Longest distance from a source, per component (the graph is acyclic). */
function depths(job: JobSpec, ids: Map<string, number>): number[] {
  const depth = job.components.map(() => 0);
  // Bellman-Ford style relaxation is enough for the small graphs of a job (≤ 64 components).
  for (let round = 0; round < job.components.length; round++) {
    let changed = false;
    for (const e of job.edges) {
      const a = ids.get(e.from)!;
      const b = ids.get(e.to)!;
      if (depth[b]! < depth[a]! + 1) {
        depth[b] = depth[a]! + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}
