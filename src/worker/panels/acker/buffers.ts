import { edgeHex, type Engine } from '../../../engine/index.ts';
import type { AckAckerView, AckSourceView } from '../../../protocol/panels/acker.ts';
import type { Names } from './tree.ts';

/** Pending entries per source instance and ledger rows per acker instance in a view (see the protocol). */
export const MAX_ROWS = 12;

/**
 * Each source instance's pending buffer (Storm's spout pending map), oldest first: the message id
 * (partition, offset), the attempt, and when it times out if nothing comes.
 */
export function pendingBuffers(engine: Engine, names: Names): AckSourceView[] {
  const acking = engine.acking!;
  const nextTick = engine.ackTick?.time ?? null;
  return acking.pending.map((buffer, slot) => {
    const inst = engine.rt.sourceInstances[slot]!;
    return {
      name: names.sourceSlot[slot]!,
      pendingCount: buffer.size,
      replayQueue: acking.replays[slot]!.length,
      atLimit: acking.atLimit(slot),
      pending: buffer
        .list()
        .slice(0, MAX_ROWS)
        .map((e) => ({
          root: e.root,
          event: e.id,
          partition: inst.reader!.partitions[e.partition]!,
          offset: e.offset,
          attempt: e.attempt,
          emittedAt: e.emittedAt,
          expiresAt: nextTick === null ? null : acking.expiresAt(e.gen, nextTick),
        })),
    };
  });
}

/** Each acker instance's ledger: per root, the XOR value, the source to tell, the failed flag. */
export function ledgers(engine: Engine, names: Names): AckAckerView[] {
  const acker = engine.acking!.acker;
  return Array.from({ length: acker.instances }, (_, i) => {
    const entries = acker.entries(i);
    return {
      name: `acker#${i}`,
      up: acker.isUp(i),
      count: entries.length,
      rows: entries.slice(0, MAX_ROWS).map((e) => ({
        root: e.root,
        value: edgeHex(e.hi, e.lo),
        source: e.spout >= 0 ? names.sourceSlot[e.spout]! : null,
        failed: e.failed,
      })),
    };
  });
}
