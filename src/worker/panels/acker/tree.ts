import { edgeHex, type AckTree, type Engine, type ReplayRecord } from '../../../engine/index.ts';
import type { AckAttempt, AckRoot, AckTreeDetail, AckTreeEdge } from '../../../protocol/panels/acker.ts';

/** Caps of the tree detail (see the protocol): edges drawn, other roots named per tuple, attempts. */
export const MAX_EDGES = 200;
export const MAX_ALSO_ROOTS = 8;
export const MAX_ATTEMPTS = 20;

/** Instance names and roles by global instance index, read once per view. */
export interface Names {
  readonly instance: readonly string[];
  readonly role: readonly ('source' | 'operator' | 'sink')[];
  /** Source instance names by source slot (the pending buffers' and the ledger's numbering). */
  readonly sourceSlot: readonly string[];
}

export function namesOf(engine: Engine): Names {
  return {
    instance: engine.rt.instances.map((i) => i.name),
    role: engine.rt.instances.map((i) => i.component.plan.role),
    sourceSlot: engine.rt.sourceInstances.map((i) => i.name),
  };
}

/** A kept tree as the picker lists it. */
export function rootOf(tree: Readonly<AckTree>, names: Names): AckRoot {
  return {
    root: tree.root,
    event: tree.id,
    source: names.instance[tree.source]!,
    partition: tree.partition,
    offset: tree.offset,
    attempt: tree.attempt,
    status: tree.status,
    emittedAt: tree.emittedAt,
    completedAt: tree.completedAt ?? null,
  };
}

/**
 * One root's tree for the panel: its edges with names, early outs and multi-anchored tuples marked,
 * the acker's view of it (value, ledger row), every emission of its event, and how often the
 * event was delivered at each sink.
 */
export function treeDetail(engine: Engine, tree: AckTree, names: Names): AckTreeDetail {
  const acking = engine.acking!;
  const acker = acking.acker;
  const instance = acker.instanceOf(tree.root);
  const attempts = attemptsOf(engine, tree.id);
  const at = attempts.findIndex((a) => a.root === tree.root);
  // The emission this one replays: the one before it with the attempt before. Its replay: the next
  // emission with the next attempt (a replay is only ever queued by a failure or a timeout).
  const replayOf = attempts
    .slice(0, Math.max(0, at))
    .reverse()
    .find((a) => a.attempt === tree.attempt - 1);
  const replayedAs =
    tree.status === 'failed' || tree.status === 'timed-out'
      ? attempts.slice(at + 1).find((a) => a.attempt === tree.attempt + 1)
      : undefined;
  return {
    ...rootOf(tree, names),
    ackValue: tree.ackValue,
    pendingXor: xorOfPending(tree),
    acker: `acker#${instance}`,
    ackerUp: acker.isUp(instance),
    inLedger: acker.entries(instance).some((e) => e.root === tree.root),
    edges: edgesOf(tree, names),
    edgesTotal: tree.edges.length,
    replayOf: tree.attempt > 1 ? (replayOf?.root ?? null) : null,
    replayedAs: replayedAs?.root ?? null,
    attempts: attempts.slice(-MAX_ATTEMPTS),
    delivered: engine.rt.components
      .filter((c) => c.plan.role === 'sink')
      .map((c) => ({ sink: c.id, times: c.perEvent.timesDelivered(tree.id) })),
  };
}

function edgesOf(tree: AckTree, names: Names): AckTreeEdge[] {
  const parents = new Set<string>();
  for (const e of tree.edges) if (e.parent !== null) parents.add(e.parent);
  return tree.edges.slice(0, MAX_EDGES).map((e) => {
    const toRole = names.role[e.to]!;
    return {
      id: e.id,
      parent: e.parent,
      from: names.instance[e.from]!,
      to: names.instance[e.to]!,
      toRole,
      status: e.status,
      createdAt: e.createdAt,
      settledAt: e.settledAt ?? null,
      earlyOut: e.status === 'acked' && toRole === 'operator' && !parents.has(e.id),
      anchoredTo: e.roots?.length ?? 1,
      alsoRoots: (e.roots ?? []).filter((r) => r !== tree.root).slice(0, MAX_ALSO_ROOTS),
    };
  });
}

/**
 * Every emission of an event known to the engine, by root: the kept trees (first emissions and
 * replays) and the replays whose trees are no longer kept (the engine logs every replay).
 */
export function attemptsOf(engine: Engine, event: number): AckAttempt[] {
  const replays = new Map<number, ReplayRecord>();
  for (const r of engine.replays) if (r.id === event && r.root >= 0) replays.set(r.root, r);
  const out = new Map<number, AckAttempt>();
  for (const t of engine.acking!.trees?.values() ?? []) {
    if (t.id !== event) continue;
    const cause = replays.get(t.root)?.cause;
    out.set(t.root, {
      root: t.root,
      attempt: t.attempt,
      emittedAt: t.emittedAt,
      cause: cause === 'failed' || cause === 'timed-out' ? cause : 'first',
      status: t.status,
    });
  }
  for (const r of replays.values()) {
    if (out.has(r.root) || r.cause === 'rewind') continue;
    out.set(r.root, { root: r.root, attempt: r.attempt, emittedAt: r.time, cause: r.cause, status: null });
  }
  return [...out.values()].sort((a, b) => a.root - b.root);
}

/** XOR of the 64-bit ids of the edges still pending, as 16 hex digits. */
function xorOfPending(tree: AckTree): string {
  let hi = 0;
  let lo = 0;
  for (const e of tree.edges) {
    if (e.status !== 'pending') continue;
    hi ^= parseInt(e.id.slice(0, 8), 16);
    lo ^= parseInt(e.id.slice(8), 16);
  }
  return edgeHex(hi, lo);
}
