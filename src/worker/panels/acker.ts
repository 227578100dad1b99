import type { AckTree, Scenario } from '../../engine/index.ts';
import type {
  AckerFilter,
  AckerRequest,
  AckerView,
  AckRoot,
  TreeStatus,
} from '../../protocol/panels/acker.ts';
import { ledgers, pendingBuffers } from './acker/buffers.ts';
import { namesOf, rootOf, treeDetail } from './acker/tree.ts';
import type { PanelSource } from './types.ts';

/** Roots listed in the picker, newest first (the engine keeps the trees of the 200 newest). */
export const MAX_ROOTS = 60;

/** Nothing is recorded from the trace: the engine keeps the acker's state, the recent trees and every replay. */
export function record(_scenario: Scenario): null {
  return null;
}

const FILTERS: Record<AckerFilter, (status: TreeStatus, attempt: number) => boolean> = {
  all: () => true,
  failed: (status) => status === 'failed' || status === 'timed-out' || status === 'lost',
  pending: (status) => status === 'pending',
  replays: (_status, attempt) => attempt > 1,
};

/**
 * The acknowledger as the panel shows it, from the engine's own books: the counters (the CLI's
 * `acker`), the pending buffers, the ledgers, the recent roots, and the tree of the root asked for
 * (or of the newest root the filter lets through).
 */
export function view(source: PanelSource, _recorder: null, request: AckerRequest): AckerView {
  const engine = source.engine;
  const acking = engine.acking;
  if (acking === null)
    return { mode: 'off', semantics: engine.options.semantics, ackMode: engine.options.ackMode ?? 'acking' };
  const names = namesOf(engine);
  const filter = request.filter ?? 'all';
  const pass = FILTERS[filter];
  const matching: Readonly<AckTree>[] = [];
  let kept = 0;
  for (const tree of acking.trees?.values() ?? []) {
    kept++;
    if (pass(tree.status, tree.attempt)) matching.push(tree);
  }
  const roots: AckRoot[] = [];
  for (let i = matching.length - 1; i >= 0 && roots.length < MAX_ROOTS; i--)
    roots.push(rootOf(matching[i]!, names));
  const asked = request.root ?? null;
  const shown = asked ?? roots[0]?.root ?? null;
  const tree = shown === null ? undefined : acking.trees?.get(shown);
  const { timeout, maxPending, ackers, ackLatency } = acking.settings;
  return {
    mode: 'acking',
    time: engine.now,
    settings: { timeout, maxPending, ackers, ackLatency },
    stats: acking.snapshotStats(),
    nextTick: engine.ackTick?.time ?? null,
    sources: pendingBuffers(engine, names),
    ackers: ledgers(engine, names),
    filter,
    following: asked === null,
    roots,
    matching: matching.length,
    kept,
    tree: tree === undefined ? null : treeDetail(engine, tree, names),
    missing: asked !== null && tree === undefined ? asked : null,
  };
}
