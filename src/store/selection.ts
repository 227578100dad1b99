import { create } from 'zustand';
import type { Position } from './document.ts';
import type { Clip } from './edits.ts';

/**
 * What is selected on the canvas, what Copy put aside, and where nodes are while being dragged —
 * none of it part of the document, so none of it in the undo history.
 */
interface SelectionState {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<number>;
  readonly clip: Clip | null;
  /** Positions of nodes being dragged (committed to the document on drop: one undo step). */
  readonly dragging: ReadonlyMap<string, Position>;
  /** The size React Flow measured for each node (it shows a node only once it knows it). */
  readonly measured: ReadonlyMap<string, { width: number; height: number }>;
}

export const useSelection = create<SelectionState>()(() => ({
  nodes: new Set(),
  edges: new Set(),
  clip: null,
  dragging: new Map(),
  measured: new Map(),
}));

export function select(nodes: Iterable<string>, edges: Iterable<number> = []): void {
  useSelection.setState({ nodes: new Set(nodes), edges: new Set(edges) });
}
