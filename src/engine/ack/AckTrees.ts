import { edgeHex } from './edgeId.ts';

/** lost: its source instance crashed with the root pending (the pending buffer is gone; the log re-delivers). */
export type TreeStatus = 'pending' | 'acked' | 'failed' | 'timed-out' | 'lost';
export type EdgeStatus = 'pending' | 'acked' | 'failed';

/** One tuple of a tree: the edge that created it, where it went, and what became of it. */
export interface TreeEdge {
  /** The edge id, 16 hex digits (the 64-bit random id). */
  readonly id: string;
  /** The edge this tuple was emitted by (its parent), or null for the source's first tuples. */
  readonly parent: string | null;
  /** Instance that emitted it and instance it went to (global instance indices). */
  readonly from: number;
  readonly to: number;
  status: EdgeStatus;
  createdAt: number;
  settledAt?: number;
  /**
   * A multi-anchored tuple (a batch of several events): every root it is anchored to, this one
   * included, in anchoring order. Absent for a tuple of one tree. Shared between the trees: never
   * mutated.
   */
  readonly roots?: readonly number[];
}

/** A root's tree as the acknowledger panel shows it. Plain data. */
export interface AckTree {
  readonly root: number;
  /** Lineage id of the source record, and its message id (partition, offset) for replays. */
  readonly id: number;
  readonly source: number;
  readonly partition: number;
  readonly offset: number;
  readonly attempt: number;
  readonly emittedAt: number;
  status: TreeStatus;
  completedAt?: number;
  /** The acker's current value for the root (16 hex digits; all zeros when complete). */
  ackValue: string;
  readonly edges: TreeEdge[];
}

/**
 * Records the trees of the most recent roots (a bounded window, so long runs stay light) for the
 * UI. Only used when the engine is asked to keep trees; the acker itself never needs them.
 */
export class AckTrees {
  private readonly trees = new Map<number, AckTree>();
  private readonly edgeIndex = new Map<number, Map<string, TreeEdge>>();

  constructor(readonly capacity: number) {}

  root(tree: Omit<AckTree, 'edges' | 'status' | 'ackValue'>): void {
    this.trees.set(tree.root, { ...tree, status: 'pending', ackValue: edgeHex(0, 0), edges: [] });
    this.edgeIndex.set(tree.root, new Map());
    if (this.trees.size > this.capacity) {
      const oldest = this.trees.keys().next().value!;
      this.trees.delete(oldest);
      this.edgeIndex.delete(oldest);
    }
  }

  edge(
    root: number,
    hi: number,
    lo: number,
    parent: string | null,
    from: number,
    to: number,
    at: number,
    roots?: readonly number[],
  ): void {
    const edges = this.edgeIndex.get(root);
    if (!edges) return;
    const e: TreeEdge = {
      id: edgeHex(hi, lo),
      parent,
      from,
      to,
      status: 'pending',
      createdAt: at,
      ...(roots !== undefined && roots.length > 1 ? { roots } : {}),
    };
    edges.set(e.id, e);
    this.trees.get(root)!.edges.push(e);
  }

  settleEdge(root: number, hi: number, lo: number, status: EdgeStatus, at: number): void {
    const e = this.edgeIndex.get(root)?.get(edgeHex(hi, lo));
    if (e) {
      e.status = status;
      e.settledAt = at;
    }
  }

  value(root: number, hi: number, lo: number): void {
    const t = this.trees.get(root);
    if (t) t.ackValue = edgeHex(hi, lo);
  }

  done(root: number, status: TreeStatus, at: number): void {
    const t = this.trees.get(root);
    if (t && t.status === 'pending') {
      t.status = status;
      t.completedAt = at;
    }
  }

  /** A copy of one recorded tree (undefined: never recorded, or no longer kept). */
  get(root: number): AckTree | undefined {
    const t = this.trees.get(root);
    return t === undefined ? undefined : copy(t);
  }

  /** The recorded trees themselves, oldest first, without copying (for readers that only look). */
  values(): IterableIterator<Readonly<AckTree>> {
    return this.trees.values();
  }

  /** Copies of the recorded trees, oldest first. */
  list(): AckTree[] {
    return [...this.trees.values()].map(copy);
  }
}

function copy(t: AckTree): AckTree {
  return { ...t, edges: t.edges.map((e) => ({ ...e })) };
}
