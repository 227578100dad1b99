import { STEP_NOTICE, type Dataflow } from '../runtime/Dataflow.ts';
import { NoticeQueue } from './NoticeQueue.ts';

/**
 * The acker's verdicts on their way to the sources: one FIFO queue per reporting instance, each a
 * scheduler port (ports `base` … `base + instances − 1`). Delivering a notice is a step: the source
 * drops the root from its pending buffer — or queues a replay when the tree failed.
 */
export class AckNotices {
  private readonly queues: NoticeQueue[];

  constructor(
    private readonly base: number,
    instances: number,
  ) {
    this.queues = Array.from({ length: instances }, () => new NoticeQueue());
  }

  /** Queues a verdict sent by instance `from` at `time`. */
  push(engine: Dataflow, from: number, time: number, slot: number, root: number, ok: boolean): void {
    const q = this.queues[from]!;
    const seq = engine.nextSeq();
    const arrival = q.push(time, seq, slot, root, ok);
    if (q.size === 1) engine.heap.set(this.base + from, arrival, seq);
  }

  /** A source hears the acker's verdict on one of its roots. */
  deliver(engine: Dataflow, port: number): boolean {
    const q = this.queues[port - this.base]!;
    q.shift();
    if (q.size === 0) engine.heap.remove(port);
    else engine.heap.set(port, q.headTime(), q.headSeq());
    const acking = engine.acking!;
    const { slot, root, ok } = q;
    engine.foldStep(STEP_NOTICE, slot, root, ok ? 1 : 0);
    const known = acking.notify(slot, root, ok, engine.now);
    engine.observer?.({
      type: 'root-done',
      time: engine.now,
      root,
      outcome: known ? (ok ? 'acked' : 'failed') : 'ignored',
    });
    // A fail queued a replay; an ack may free a source that waited at its max-pending limit.
    const source = engine.rt.sourceInstances[slot]!;
    if (known && (!ok || source.parked.length > 0)) engine.sourceMayEmit(source);
    // Nothing in flight any more: there is no timeout to wait for.
    if (!acking.busy && engine.ackTick !== null) {
      engine.timers.cancel(engine.ackTick);
      engine.ackTick = null;
    }
    return true;
  }
}
