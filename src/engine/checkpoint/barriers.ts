import type { CheckpointBarrier } from '../model/elements.ts';
import type { Channel } from '../runtime/Channel.ts';
import { type Dataflow, STEP_BARRIER } from '../runtime/Dataflow.ts';
import type { InstanceRuntime } from '../runtime/Instance.ts';
import { BarrierDecision } from './BarrierHandler.ts';
import type { Checkpointing } from './Checkpointing.ts';
import { acknowledgeSnapshot, subsumeCheckpoint } from './lifecycle.ts';
import { taskSnapshot } from './snapshots.ts';

const DECISION_NAMES = ['ignore', 'wait', 'block', 'complete'] as const;

/**
 * Barrier n reached an operator or sink on input channel `ch`. The task's barrier handler decides
 * (aligned: BarrierAligner; at-least-once: BarrierTracker) and the engine acts on the decision:
 * block the channel, or — once every input has delivered barrier n — snapshot the instance, forward
 * the barrier on every output and unblock every input.
 */
export function deliverBarrier(
  engine: Dataflow,
  cp: Checkpointing,
  inst: InstanceRuntime,
  ch: Channel,
  barrier: CheckpointBarrier,
): void {
  const handler = cp.handlers[inst.index]!;
  const id = barrier.checkpointId;
  const now = engine.now;
  const decision = handler.onBarrier(inst.inputs.indexOf(ch), id, now);
  engine.foldStep(STEP_BARRIER, inst.index, id, decision);
  engine.observer?.({
    type: 'barrier',
    time: now,
    instance: inst.index,
    channel: ch.index,
    id,
    decision: DECISION_NAMES[decision],
  });
  if (handler.abandoned !== null) {
    // A newer barrier overtook an unfinished alignment: that checkpoint cannot complete any more.
    subsumeCheckpoint(engine, cp, handler.abandoned, `${inst.name} received barrier ${id} while aligning`);
    unblockInputs(engine, inst);
  }
  if (decision === BarrierDecision.block) ch.blocked = true;
  else if (decision === BarrierDecision.complete) {
    // Flink's order: forward the barrier, take the snapshot, unblock (held records go first).
    engine.sendControl(inst, barrier);
    acknowledgeSnapshot(engine, cp, inst, id, taskSnapshot(engine, cp, inst, id), handler.alignmentMs);
    unblockInputs(engine, inst);
  }
}

/** The alignment is over (completed or abandoned): the instance reads every input again. */
function unblockInputs(engine: Dataflow, inst: InstanceRuntime): void {
  const now = engine.now;
  const from = inst.busyUntil > now ? inst.busyUntil : now;
  for (const ch of inst.inputs) {
    if (!ch.blocked) continue;
    ch.blocked = false;
    if (!ch.parked) engine.rekeyChannel(ch, from);
  }
}
