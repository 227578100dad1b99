import { CheckpointBarrier } from '../model/elements.ts';
import { type Dataflow, STEP_CHECKPOINT } from '../runtime/Dataflow.ts';
import type { InstanceRuntime } from '../runtime/Instance.ts';
import type { TaskSnapshot } from './CheckpointCoordinator.ts';
import type { Checkpointing } from './Checkpointing.ts';
import { taskSnapshot, traceTxn } from './snapshots.ts';

/**
 * The coordinator's side of a checkpoint's life (Flink's CheckpointCoordinator): trigger, collect
 * acknowledgements, complete and notify, or abort.
 */

/** Folds a checkpointing step into the trace hash (outcomes differ, so hashes must). */
function fold(engine: Dataflow, where: number, id: number, outcome: number): void {
  engine.foldStep(STEP_CHECKPOINT, where, id, outcome);
}

/**
 * The periodic trigger fired. Checkpoint n starts when the job runs, fewer than `maxConcurrent` are
 * in progress and the minimum pause since the last completed one has passed: every source instance
 * snapshots its read positions and sends barrier n on all its outputs, in-band, behind the records
 * it already sent. Returns when to fire next — or null when the trigger waits for a checkpoint in
 * progress to end (see checkpointEnded).
 */
export function triggerCheckpoint(engine: Dataflow, cp: Checkpointing): number | null {
  const now = engine.now;
  const { interval, minPause, maxConcurrent, timeout } = cp.settings;
  if (cp.state !== 'running') return now + interval;
  if (cp.coordinator.inFlight >= maxConcurrent) {
    cp.triggerQueued = true;
    return null;
  }
  const earliest = cp.coordinator.lastCompletedAt + minPause;
  if (now < earliest) return earliest;
  const id = cp.coordinator.trigger(now);
  fold(engine, -1, id, 1);
  engine.observer?.({ type: 'checkpoint', time: now, id, event: 'triggered' });
  engine.schedule(now + timeout, { type: 'checkpoint-timeout', id }, true);
  const barrier = new CheckpointBarrier(id, now);
  // Barriers go out even if a source declines: the tasks downstream align on every source's barrier.
  for (const inst of engine.rt.sourceInstances) {
    engine.sendControl(inst, barrier);
    acknowledgeSnapshot(engine, cp, inst, id, taskSnapshot(engine, cp, inst, id), 0);
  }
  return now + interval;
}

/** A task finished its snapshot: acknowledge it to the coordinator — or decline, when the storage fails. */
export function acknowledgeSnapshot(
  engine: Dataflow,
  cp: Checkpointing,
  inst: InstanceRuntime,
  id: number,
  snapshot: TaskSnapshot,
  alignmentMs: number,
): void {
  const now = engine.now;
  const declined = cp.storageDown(now);
  fold(engine, inst.index, id, declined ? -1 : snapshot.size);
  engine.observer?.({ type: 'snapshot', time: now, instance: inst.index, id, size: snapshot.size, declined });
  if (declined) {
    failCheckpoint(engine, cp, id, `declined by ${inst.name}: checkpoint storage unavailable`);
    return;
  }
  if (cp.coordinator.acknowledge(id, inst.index, snapshot, now, alignmentMs) === 'completed') {
    completed(engine, cp, id);
  }
}

/**
 * Checkpoint `id` completed: the failure count resets, and every task hears it
 * (notifyCheckpointComplete): transactional sinks commit every transaction up to `id`. The notice is
 * best effort; a lost one leaves those transactions pre-committed until the next completes.
 */
function completed(engine: Dataflow, cp: Checkpointing, id: number): void {
  const now = engine.now;
  cp.consecutiveFailures = 0;
  fold(engine, -1, id, 2);
  engine.observer?.({ type: 'checkpoint', time: now, id, event: 'completed' });
  if (cp.noticeLost(now)) cp.noticesLost++;
  else {
    for (const { component, table } of cp.transactional) {
      for (const inst of component.instances) {
        for (const t of table.commit(inst.sub, id, now)) traceTxn(engine, inst, t);
      }
    }
  }
  checkpointEnded(engine, cp);
}

/**
 * A checkpoint ended (completed or aborted). A trigger that found too many in progress fires now —
 * or once the minimum pause has passed — instead of a whole interval later (Flink queues it too).
 */
function checkpointEnded(engine: Dataflow, cp: Checkpointing): void {
  if (!cp.triggerQueued || cp.coordinator.inFlight >= cp.settings.maxConcurrent) return;
  cp.triggerQueued = false;
  engine.scheduleCheckpoint(Math.max(engine.now, cp.coordinator.lastCompletedAt + cp.settings.minPause));
}

/** Checkpoint `id` failed (declined, or expired at its timeout): it counts towards the tolerable failures. */
export function failCheckpoint(engine: Dataflow, cp: Checkpointing, id: number, reason: string): void {
  if (cp.checkpointFailed(id, reason)) {
    fold(engine, -1, id, 3);
    engine.observer?.({ type: 'checkpoint', time: engine.now, id, event: 'aborted', reason });
    checkpointEnded(engine, cp);
  }
}

/** A newer checkpoint overtook `id` at a task: `id` is aborted, which is not a failure. */
export function subsumeCheckpoint(engine: Dataflow, cp: Checkpointing, id: number, reason: string): void {
  if (cp.coordinator.abort(id, `subsumed: ${reason}`)) {
    fold(engine, -1, id, 4);
    engine.observer?.({
      type: 'checkpoint',
      time: engine.now,
      id,
      event: 'aborted',
      reason: `subsumed: ${reason}`,
    });
    checkpointEnded(engine, cp);
  }
}
