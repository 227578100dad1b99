import type { CheckpointBarrier } from '../model/elements.ts';
import type { Dataflow } from '../runtime/Dataflow.ts';
import type { InstanceRuntime } from '../runtime/Instance.ts';
import type { Checkpointing } from './Checkpointing.ts';

/**
 * A barrier reached an operator or sink. When every input has delivered it (barrier tracking), the
 * instance takes its part of the checkpoint: it forwards the barrier and acknowledges.
 */
export function deliverBarrier(
  engine: Dataflow,
  cp: Checkpointing | null,
  inst: InstanceRuntime,
  barrier: CheckpointBarrier,
): void {
  if (cp === null || !cp.onBarrier(inst.index, barrier)) return;
  emitBarrier(engine, inst, barrier);
  const now = engine.now;
  if (cp.coordinator.acknowledge(barrier.checkpointId, inst.index, {}, now) === 'completed') {
    engine.observer?.({ type: 'checkpoint', time: now, id: barrier.checkpointId, event: 'completed' });
  }
}

/** Sends a barrier on every output channel of an instance, in-band, behind what it already sent. */
export function emitBarrier(engine: Dataflow, inst: InstanceRuntime, barrier: CheckpointBarrier): void {
  const now = engine.now;
  for (const out of inst.outputs) {
    for (const ch of out.channels) {
      const arrival = Math.max(now + ch.latency, ch.lastArrival);
      const seq = engine.nextSeq();
      ch.push(barrier, now, arrival, seq);
      if (ch.size === 1 && !ch.parked) engine.heap.set(ch.index, Math.max(arrival, ch.target.busyUntil), seq);
      if (ch.size === ch.blockAt) inst.fullOutputs++;
    }
  }
}
