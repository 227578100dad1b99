import { type Dataflow, STEP_CHECKPOINT } from '../runtime/Dataflow.ts';
import { setHealth } from '../runtime/crash.ts';
import type { Checkpointing } from './Checkpointing.ts';
import { restoreTask } from './snapshots.ts';

/**
 * The job fails over (a crash, a failed event, a lost message, too many failed checkpoints): every
 * checkpoint in progress is aborted, every channel is emptied (what was in flight will be read
 * again from the sources), every instance stops. The restart strategy decides when the job comes
 * back — or that it does not (the job has failed).
 */
export function failover(engine: Dataflow, cp: Checkpointing): void {
  const reason = cp.failoverReason!;
  cp.failoverReason = null;
  if (cp.state !== 'running') return;
  const now = engine.now;
  for (const id of cp.coordinator.abortAll(`job failed over: ${reason}`)) {
    engine.observer?.({
      type: 'checkpoint',
      time: now,
      id,
      event: 'aborted',
      reason: `job failed over: ${reason}`,
    });
  }
  const delay = cp.restartDelay(now);
  engine.foldStep(STEP_CHECKPOINT, -2, cp.recoveries.length, delay ?? -1);
  if (cp.triggerQueued) {
    // The checkpoint it waited for is gone: the trigger goes back to its period.
    cp.triggerQueued = false;
    engine.scheduleCheckpoint(now + cp.settings.interval);
  }
  for (const ch of engine.rt.channels) {
    for (const el of ch.drain()) {
      if (el.kind !== 'record') continue;
      ch.lost++;
      // Read again after the restart — unless there is none.
      if (delay === null) engine.lose(el.id, engine.channelName(ch), 'job-failed');
    }
    engine.heap.remove(ch.index);
    ch.parked = false;
    ch.blocked = false;
  }
  for (const inst of engine.rt.instances) {
    if (delay === null) setHealth(inst, 'failed');
    else if (inst.health !== 'crashed') setHealth(inst, 'restarting');
    inst.fullOutputs = 0;
    inst.parked.length = 0;
    if (inst.blockedSince >= 0) inst.blockedTime += now - inst.blockedSince;
    inst.blockedSince = -1;
    inst.busyUntil = now;
    if (inst.reader) engine.heap.remove(inst.sourcePort);
    // Watermarks are not part of checkpoints: event time starts over, and re-read records rebuild it.
    engine.cancelOperatorTimers(inst);
    inst.valve?.reset();
    inst.sourceWatermarks?.reset(now);
  }
  for (const h of cp.handlers) h?.reset();
  // A job that does not come back restores nothing.
  const restored = delay === null ? null : (cp.coordinator.latest()?.id ?? null);
  const restartedAt = delay === null ? null : now + delay;
  cp.recoveries.push({ at: now, reason, restoredCheckpoint: restored, restartedAt });
  engine.observer?.({ type: 'failover', time: now, reason, restoredCheckpoint: restored });
  if (restartedAt === null) {
    cp.state = 'failed';
    engine.observer?.({
      type: 'job-failed',
      time: now,
      reason: `the restart strategy gave up after: ${reason}`,
    });
    return;
  }
  cp.state = 'restarting';
  engine.schedule(restartedAt, { type: 'job-restart' });
}

/**
 * The job comes back from the last completed checkpoint (from the beginning if none completed):
 * every task is restored from its snapshot (see restoreTask) and the sources read again.
 */
export function restartJob(engine: Dataflow, cp: Checkpointing): void {
  const latest = cp.coordinator.latest();
  const now = engine.now;
  for (const inst of engine.rt.instances) {
    restoreTask(engine, cp, inst, latest?.tasks.get(inst.index));
    setHealth(inst, 'running');
    inst.busyUntil = now;
  }
  cp.state = 'running';
  for (const inst of engine.rt.sourceInstances) engine.scheduleRead(inst);
  engine.observer?.({ type: 'job-restart', time: now, restoredCheckpoint: latest?.id ?? null });
}
