import type { Engine } from '../engine/index.ts';
import type { RollbackView } from '../protocol/messages.ts';

/** Virtual ms after a restart during which the canvas still says what the restart restored. */
export const ROLLBACK_SHOWN_MS = 3000;

/**
 * What the job's latest failover does to each component, while the job is restarting and for
 * ROLLBACK_SHOWN_MS after it came back (by component id; empty otherwise). All of it is the
 * engine's: its recovery record, the restored checkpoint's task snapshots (while the store still
 * holds it) and the sources' read positions against the furthest they had read.
 */
export function rollbackViews(engine: Engine): Map<string, RollbackView> {
  const views = new Map<string, RollbackView>();
  const cp = engine.checkpointing;
  const r = cp?.recoveries.at(-1);
  if (cp === null || r === undefined || r.restartedAt === null) return views;
  const now = engine.now;
  if (now > r.restartedAt + ROLLBACK_SHOWN_MS) return views;
  const phase = now < r.restartedAt || cp.state !== 'running' ? 'restarting' : 'restored';
  const id = r.restoredCheckpoint;
  // Nothing completed before the failure: every task goes back to the beginning (empty state, offset 0).
  const saved = id === null ? null : cp.coordinator.retainedCheckpoints().find((c) => c.id === id);
  for (const c of engine.rt.components) {
    let stateSize: number | null = 0;
    let offsets: number[] | null = [];
    let replaying = 0;
    for (const inst of c.instances) {
      const task = saved === null ? null : saved?.tasks.get(inst.index);
      if (task === undefined) stateSize = null;
      else if (stateSize !== null) stateSize += task?.size ?? 0;
      const reader = inst.reader;
      if (reader === null) continue;
      if (task === undefined || offsets === null) offsets = null;
      else offsets.push(...(task?.positions ?? reader.positions.map(() => 0)));
      if (phase === 'restored') {
        reader.positions.forEach((p, k) => (replaying += Math.max(0, reader.highWater[k]! - p)));
      }
    }
    const role = c.plan.role;
    views.set(c.id, {
      checkpoint: id,
      phase,
      restartedAt: r.restartedAt,
      effect:
        role === 'source'
          ? 'rewound'
          : role === 'operator'
            ? cp.restoresState
              ? 'restored'
              : 'kept'
            : cp.transactional.some((t) => t.component === c)
              ? 'transactions'
              : 'outside',
      stateSize: role === 'source' ? null : stateSize,
      offsets: role === 'source' ? offsets : null,
      replaying,
    });
  }
  return views;
}
