import dagre from '@dagrejs/dagre';
import type { Position, ScenarioDoc } from '../../store/document.ts';

/** The size the layout reserves for a node (a component card with its instances and counters). */
export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 120;

/** Left-to-right layered layout of the job (dagre): sources on the left, sinks on the right. */
export function autoLayout(doc: ScenarioDoc): Map<string, Position> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 96, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of doc.job.components) g.setNode(c.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of doc.job.edges) if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const positions = new Map<string, Position>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    // dagre gives centres; React Flow wants top-left corners.
    positions.set(id, { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 });
  }
  return positions;
}

/** Whether some component has no position (a document written by hand): it needs a layout. */
export function needsLayout(doc: ScenarioDoc): boolean {
  return doc.job.components.some((c) => c.position === undefined);
}
