import type { Health } from '../model/snapshot.ts';
import type { Engine } from './Engine.ts';
import type { InstanceRuntime } from './Instance.ts';

/**
 * Crashes an instance: its in-memory state, its queued input and the output it had not sent yet
 * are lost; it restarts after `restartAfter` ms with empty state. Elements that arrive while it is
 * down are lost too (see Engine.discard). A source keeps its read position — except under acking,
 * where its pending buffer is gone and it resumes at the oldest offset not known to be complete.
 */
export function crashInstance(engine: Engine, inst: InstanceRuntime, restartAfter: number): void {
  const now = engine.now;
  setHealth(inst, 'crashed');
  inst.crashes++;
  for (const ch of inst.inputs) {
    const wasFull = ch.size >= ch.blockAt;
    for (const el of ch.drain()) {
      if (el.kind !== 'record') continue;
      ch.lost++;
      inst.lost++;
      engine.lose(el.id, inst.name, 'crashed-queued');
    }
    engine.heap.remove(ch.index);
    ch.parked = false;
    if (wasFull) engine.unblockOne(ch.sender);
  }
  inst.parked.length = 0;
  for (const out of inst.outputs) {
    for (const ch of out.channels) {
      const wasFull = ch.size >= ch.blockAt;
      while (ch.size > 0 && ch.tailDeparture()! > now) {
        const el = ch.popTail();
        if (el.kind !== 'record') continue;
        ch.lost++;
        inst.lost++;
        engine.lose(el.id, inst.name, 'crashed-in-flight');
      }
      if (ch.size === 0) engine.heap.remove(ch.index);
      if (wasFull && ch.size < ch.blockAt) inst.fullOutputs--;
    }
  }
  if (inst.fullOutputs <= 0) {
    inst.fullOutputs = 0;
    inst.blockedSince = -1;
  }
  inst.logic?.reset();
  engine.cancelOperatorTimers(inst);
  // The instance comes back without its event time: it waits for its inputs' watermarks again.
  inst.valve?.reset();
  inst.sourceWatermarks?.reset(now);
  inst.busyUntil = now;
  if (inst.reader) {
    engine.heap.remove(inst.sourcePort);
    if (engine.acking)
      inst.reader.seek(engine.acking.crashSource(inst.sourceSlot, inst.reader.positions, now));
  }
  engine.schedule(now + restartAfter, { type: 'restart', instance: inst.index });
  engine.observer?.({ type: 'crash', time: now, instance: inst.index });
}

/** Brings a crashed instance back, empty. */
export function restartInstance(engine: Engine, inst: InstanceRuntime): void {
  if (inst.up) return;
  setHealth(inst, 'running');
  inst.busyUntil = engine.now;
  if (inst.reader) engine.scheduleRead(inst);
  engine.observer?.({ type: 'restart', time: engine.now, instance: inst.index });
}

export function setHealth(inst: InstanceRuntime, health: Health): void {
  inst.health = health;
  inst.up = health === 'running';
}
