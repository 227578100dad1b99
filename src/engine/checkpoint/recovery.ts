import { CheckpointBarrier } from '../model/elements.ts';
import { emitBarrier } from './barriers.ts';
import { setHealth } from '../runtime/crash.ts';
import type { Engine } from '../runtime/Engine.ts';
import type { Checkpointing } from './Checkpointing.ts';

/**
 * Checkpoint n: every source instance snapshots its read positions and sends barrier n on all its
 * outputs, in-band, behind the records it already sent. Skipped while the job is restarting.
 */
export function triggerCheckpoint(engine: Engine, cp: Checkpointing): void {
  if (cp.restarting) return;
  const now = engine.now;
  const id = cp.coordinator.trigger(now);
  const barrier = new CheckpointBarrier(id, now);
  for (const inst of engine.rt.sourceInstances) {
    emitBarrier(engine, inst, barrier);
    cp.coordinator.acknowledge(id, inst.index, { positions: [...inst.reader!.positions] }, now);
  }
  engine.observer?.({ type: 'checkpoint', time: now, id, event: 'triggered' });
}

/**
 * The job fails over: every checkpoint in progress is aborted, every channel is emptied (what was
 * in flight will be read again from the sources), every instance stops, and the job restarts after
 * the restart delay.
 */
export function failover(engine: Engine, cp: Checkpointing): void {
  const reason = cp.failoverReason!;
  cp.failoverReason = null;
  if (cp.restarting) return;
  cp.restarting = true;
  const now = engine.now;
  cp.coordinator.abortAll(`job failed over: ${reason}`);
  for (const ch of engine.rt.channels) {
    for (const el of ch.drain()) if (el.kind === 'record') ch.lost++;
    engine.heap.remove(ch.index);
    ch.parked = false;
  }
  for (const inst of engine.rt.instances) {
    if (inst.health !== 'crashed') setHealth(inst, 'restarting');
    inst.fullOutputs = 0;
    inst.parked.length = 0;
    if (inst.blockedSince >= 0) inst.blockedTime += now - inst.blockedSince;
    inst.blockedSince = -1;
    inst.busyUntil = now;
    if (inst.reader) engine.heap.remove(inst.sourcePort);
  }
  for (const t of cp.trackers) t?.reset();
  const latest = cp.coordinator.latest();
  const restartedAt = now + cp.settings.restartDelay;
  cp.recoveries.push({ at: now, reason, restoredCheckpoint: latest?.id ?? null, restartedAt });
  engine.schedule(restartedAt, { type: 'job-restart' });
  engine.observer?.({ type: 'failover', time: now, reason, restoredCheckpoint: latest?.id ?? null });
}

/**
 * The job comes back: sources rewind to the offsets of the last completed checkpoint (the
 * beginning if none completed); operators keep whatever state they have.
 */
export function restartJob(engine: Engine, cp: Checkpointing): void {
  const latest = cp.coordinator.latest();
  for (const inst of engine.rt.sourceInstances) {
    const saved = latest?.tasks.get(inst.index)?.positions;
    inst.reader!.seek(saved ?? inst.reader!.positions.map(() => 0));
  }
  const now = engine.now;
  for (const inst of engine.rt.instances) {
    setHealth(inst, 'running');
    inst.busyUntil = now;
  }
  cp.restarting = false;
  for (const inst of engine.rt.sourceInstances) engine.scheduleRead(inst);
  engine.observer?.({ type: 'job-restart', time: now, restoredCheckpoint: latest?.id ?? null });
}
