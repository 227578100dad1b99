import type { CheckpointRecord, Engine } from '../../../engine/index.ts';
import {
  CHECKPOINTS_SHOWN,
  RECOVERIES_SHOWN,
  TXNS_SHOWN,
  type CheckpointDetail,
  type CheckpointLine,
  type InstanceSpan,
  type RecoveryLine,
  type TxnLine,
} from '../../../protocol/panels/checkpoints.ts';
import { outcomeOf, type CheckpointRecorder, type CheckpointTrace } from './CheckpointRecorder.ts';

type Checkpointing = NonNullable<Engine['checkpointing']>;

/** Instances laid out for one checkpoint (a job with more shows its first ones). */
export const SPANS_SHOWN = 64;

/** The newest checkpoints, oldest first: the coordinator's history, with the abort times the trace gave. */
export function checkpointLines(cp: Checkpointing, recorder: CheckpointRecorder): CheckpointLine[] {
  const coordinator = cp.coordinator;
  const pending = new Map(coordinator.pendingView().map((p) => [p.id, p]));
  const retained = new Set(coordinator.retainedCheckpoints().map((c) => c.id));
  const history = coordinator.history;
  const lines: CheckpointLine[] = [];
  for (let i = Math.max(0, history.length - CHECKPOINTS_SHOWN); i < history.length; i++) {
    const r = history[i]!;
    const inProgress = pending.get(r.id);
    lines.push({
      id: r.id,
      triggeredAt: r.triggeredAt,
      completedAt: r.completedAt ?? null,
      abortedAt: recorder.checkpoint(r.id)?.abortedAt ?? null,
      outcome: outcomeOf(r.failure, r.completedAt !== undefined),
      failure: r.failure ?? null,
      alignmentMs: r.alignmentMs,
      stateSize: r.stateSize,
      acknowledged: inProgress?.acknowledged ?? r.acks.length,
      tasks: inProgress?.tasks ?? cp.handlers.length,
      expiresAt: inProgress === undefined ? null : r.triggeredAt + cp.settings.timeout,
      retained: retained.has(r.id),
    });
  }
  return lines;
}

/** The newest failovers, oldest first, with what their restarts replayed and aborted. */
export function recoveryLines(
  engine: Engine,
  cp: Checkpointing,
  recorder: CheckpointRecorder,
): RecoveryLine[] {
  const recoveries = cp.recoveries;
  recorder.replays.update(
    engine.replays,
    recoveries.map((r) => r.restartedAt),
  );
  const lines: RecoveryLine[] = [];
  for (let k = Math.max(0, recoveries.length - RECOVERIES_SHOWN); k < recoveries.length; k++) {
    const r = recoveries[k]!;
    lines.push({
      at: r.at,
      reason: r.reason,
      restoredCheckpoint: r.restoredCheckpoint,
      restartedAt: r.restartedAt,
      replayed: recorder.replays.count(k),
      abortedTxns: recorder.abortedTxns(k) ?? 0,
    });
  }
  return lines;
}

/** The checkpoint to lay out: the one asked for if the history still lists it, else the newest. */
export function selectedRecord(cp: Checkpointing, id: number | null | undefined): CheckpointRecord | null {
  const history = cp.coordinator.history;
  const newest = history[history.length - 1] ?? null;
  if (id === null || id === undefined || newest === null) return newest;
  // Ids are 1, 2, 3… in history order: the record of id n is at index n - 1.
  const r = history[id - 1];
  return r !== undefined && r.id === id && id > newest.id - CHECKPOINTS_SHOWN ? r : newest;
}

/** Checkpoint `r`, instance by instance: barriers, alignment, snapshot; and its transactions. */
export function checkpointDetail(
  engine: Engine,
  cp: Checkpointing,
  recorder: CheckpointRecorder,
  r: CheckpointRecord,
): CheckpointDetail {
  const trace = recorder.checkpoint(r.id);
  const saved = cp.coordinator.retainedCheckpoints().find((c) => c.id === r.id);
  const spans: InstanceSpan[] = engine.rt.instances.slice(0, SPANS_SHOWN).map((inst) => {
    const s = trace?.spans.get(inst.index);
    const positions = saved?.tasks.get(inst.index)?.positions;
    const reader = inst.reader;
    return {
      instance: inst.index,
      name: inst.name,
      component: inst.component.id,
      role: inst.component.plan.role,
      inputs: inst.inputs.length,
      barriers: s?.barriers ?? 0,
      firstBarrierAt: s === undefined || s.firstBarrierAt < 0 ? null : s.firstBarrierAt,
      snapshotAt: s === undefined || s.snapshotAt < 0 ? null : s.snapshotAt,
      size: s === undefined || s.snapshotAt < 0 ? null : s.size,
      declined: s?.declined ?? false,
      offsets:
        reader === null || positions === undefined
          ? null
          : reader.partitions.map((partition, k) => ({ partition, offset: positions[k]! })),
    };
  });
  return {
    id: r.id,
    recorded: trace !== undefined,
    spans,
    transactions: transactionsOf(cp, r, trace),
  };
}

/**
 * The transactions checkpoint `r` pre-committed (the sinks keep their newest finished ones); while
 * it is in progress, also the open ones its barrier has not reached yet (it will pre-commit them).
 */
function transactionsOf(
  cp: Checkpointing,
  r: CheckpointRecord,
  trace: CheckpointTrace | undefined,
): TxnLine[] {
  const inProgress = r.completedAt === undefined && r.failure === undefined;
  const awaited = (instance: number) => (trace?.spans.get(instance)?.snapshotAt ?? -1) < 0;
  const lines: TxnLine[] = [];
  for (const { component, table } of cp.transactional) {
    for (const t of table.transactions()) {
      const inst = component.instances[t.instance]!;
      const mine = t.checkpoint === r.id || (inProgress && t.state === 'open' && awaited(inst.index));
      if (!mine) continue;
      if (lines.length >= TXNS_SHOWN) return lines;
      lines.push({
        sink: component.id,
        instance: inst.name,
        txn: t.txn,
        state: t.state,
        rows: t.rows,
        visible: t.state === 'committed',
      });
    }
  }
  return lines;
}
