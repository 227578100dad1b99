import type { Edge, Node } from '@xyflow/react';
import type { Position, ScenarioDoc } from '../../store/document.ts';

export interface ComponentData extends Record<string, unknown> {
  readonly name: string;
  readonly kind: string;
  readonly parallelism: number;
}

export interface EdgeData extends Record<string, unknown> {
  /** Index into the job's edges (the engine's channels name their edge by it). */
  readonly index: number;
  readonly grouping: string;
  readonly late: boolean;
}

export type FlowNode = Node<ComponentData, 'component'>;
export type FlowEdge = Edge<EdgeData, 'flow'>;

export const edgeId = (index: number): string => `e${index}`;
export const edgeIndex = (id: string): number => Number(id.slice(1));

/** React Flow's nodes for the document (positions being dragged win over the stored ones). */
export function toNodes(
  doc: ScenarioDoc,
  selected: ReadonlySet<string>,
  dragging: ReadonlyMap<string, Position>,
  measured: ReadonlyMap<string, { width: number; height: number }>,
): FlowNode[] {
  return doc.job.components.map((c, i) => {
    const name = typeof c.name === 'string' && c.name !== '' ? c.name : c.id;
    return {
      id: c.id,
      type: 'component',
      position: dragging.get(c.id) ?? c.position ?? { x: 40 + 260 * i, y: 80 },
      data: { name, kind: c.kind, parallelism: typeof c.parallelism === 'number' ? c.parallelism : 1 },
      selected: selected.has(c.id),
      ariaLabel: name,
      ...(measured.has(c.id) ? { measured: measured.get(c.id) } : {}),
    };
  });
}

export function toEdges(doc: ScenarioDoc, selected: ReadonlySet<number>): FlowEdge[] {
  return doc.job.edges.map((e, index) => ({
    id: edgeId(index),
    type: 'flow',
    source: e.from,
    target: e.to,
    selected: selected.has(index),
    data: {
      index,
      grouping: typeof e.grouping === 'string' ? e.grouping : 'shuffle',
      late: e.output === 'late',
    },
    ariaLabel: `edge ${e.from} to ${e.to}`,
  }));
}
