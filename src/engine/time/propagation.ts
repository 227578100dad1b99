import {
  ACTIVE,
  IDLE,
  type LogMarker,
  type StreamRecord,
  Watermark,
  type WatermarkStatus,
} from '../model/elements.ts';
import type { Channel } from '../runtime/Channel.ts';
import { type Dataflow, STEP_TIME } from '../runtime/Dataflow.ts';
import type { InstanceRuntime } from '../runtime/Instance.ts';

/**
 * How event time moves through a running job: sources emit watermarks (SourceWatermarks), every
 * other task combines its inputs' (WatermarkValve), lets its logic fire what became due (windows,
 * joins), and forwards the watermark — in-band, like a barrier.
 */

/** A watermark or a watermark status reached an operator or sink on input channel `ch`. */
export function deliverTime(
  engine: Dataflow,
  inst: InstanceRuntime,
  ch: Channel,
  el: Watermark | WatermarkStatus,
): void {
  const valve = inst.valve!;
  const isMark = el.kind === 'watermark';
  engine.foldStep(STEP_TIME, inst.index, ch.index, isMark ? el.time : el.idle ? -1 : -2);
  engine.observer?.(
    isMark
      ? {
          type: 'watermark-in',
          time: engine.now,
          instance: inst.index,
          channel: ch.index,
          watermark: el.time,
        }
      : {
          type: 'watermark-status',
          time: engine.now,
          instance: inst.index,
          channel: ch.index,
          idle: el.idle,
        },
  );
  const out = isMark
    ? valve.inputWatermark(ch.inputIndex, el.time)
    : valve.inputStatus(ch.inputIndex, el.idle);
  if (out.watermark !== null) advance(engine, inst, out.watermark);
  if (out.idle !== null) engine.sendControl(inst, out.idle ? IDLE : ACTIVE);
}

/**
 * The instance's event time advanced to `watermark`: its logic fires and cleans up what is due
 * (windows, joins), then the watermark moves on (Flink: "a watermark flushes out windows first").
 */
function advance(engine: Dataflow, inst: InstanceRuntime, watermark: number): void {
  const logic = inst.logic;
  if (logic?.onWatermark !== undefined)
    engine.runHook(inst, () => logic.onWatermark!(watermark, engine.operatorCollector));
  emitWatermark(engine, inst, watermark);
}

function emitWatermark(engine: Dataflow, inst: InstanceRuntime, watermark: number): void {
  engine.observer?.({ type: 'watermark', time: engine.now, instance: inst.index, watermark });
  engine.sendControl(inst, new Watermark(watermark));
}

/** A source read a record from partition index `p`: its watermark generator sees the event time. */
export function sourceRecord(engine: Dataflow, inst: InstanceRuntime, p: number, record: StreamRecord): void {
  const sw = inst.sourceWatermarks!;
  // Going active again must reach downstream before the record does.
  if (sw.onRecord(p, record.eventTime, engine.now).idle === false) engine.sendControl(inst, ACTIVE);
  if (inst.reader!.exhausted(p)) partitionEnded(engine, inst);
}

/** A source read a marker of its timeline: an explicit watermark (or only time passing). */
export function readMarker(engine: Dataflow, inst: InstanceRuntime, p: number, marker: LogMarker): void {
  const sw = inst.sourceWatermarks;
  if (sw === null) return;
  if (marker.watermark !== undefined) {
    // The partition that delivered the marker counts, even if the marker was its last entry.
    const reader = inst.reader!;
    const out = sw.onMarker(p, marker.watermark, engine.now, (q) => q !== p && reader.exhausted(q));
    if (out.idle === false) engine.sendControl(inst, ACTIVE);
    if (out.watermark !== null) emitWatermark(engine, inst, out.watermark);
  }
  if (inst.reader!.exhausted(p)) partitionEnded(engine, inst);
}

/** A partition ran out: it no longer holds the instance's watermark back. */
function partitionEnded(engine: Dataflow, inst: InstanceRuntime): void {
  const out = inst.sourceWatermarks!.recombine(exhaustedOf(inst));
  if (out !== null) emitWatermark(engine, inst, out);
}

/** A source's periodic emit: idleness, then the watermark if it advanced; the next one is scheduled. */
export function periodicWatermark(engine: Dataflow, inst: InstanceRuntime): void {
  const sw = inst.sourceWatermarks!;
  if (sw.emitted === Infinity) return;
  if (inst.up) {
    const out = sw.onPeriodic(engine.now, exhaustedOf(inst));
    if (out.watermark !== null) emitWatermark(engine, inst, out.watermark);
    if (out.idle !== null) engine.sendControl(inst, out.idle ? IDLE : ACTIVE);
  }
  engine.schedule(engine.now + sw.interval, { type: 'watermark-emit', instance: inst.index }, true);
}

/** A source has nothing more to read, ever: the final watermark, +Infinity (it fires every window). */
export function endOfInput(engine: Dataflow, inst: InstanceRuntime): void {
  const sw = inst.sourceWatermarks!;
  if (sw.emitted === Infinity) return;
  // An idle stream's watermarks are ignored downstream: it becomes active to deliver the last one.
  if (sw.idle) {
    sw.idle = false;
    engine.sendControl(inst, ACTIVE);
  }
  emitWatermark(engine, inst, sw.onEnd()!);
}

/** An operator's processing-time timer fired. */
export function operatorTimer(engine: Dataflow, inst: InstanceRuntime, time: number): void {
  inst.timers.delete(time);
  const logic = inst.logic;
  if (!inst.up || logic?.onTimer === undefined) return;
  engine.foldStep(STEP_TIME, inst.index, -3, time);
  engine.runHook(inst, () => logic.onTimer!(time, engine.operatorCollector));
}

/** An operator instance's event-time clock now: its stream time (Kafka Streams) or its watermark. */
export function eventClock(inst: InstanceRuntime): number {
  return inst.logic?.currentStreamTime?.() ?? inst.valve?.output ?? -Infinity;
}

function exhaustedOf(inst: InstanceRuntime): (p: number) => boolean {
  const reader = inst.reader!;
  return (p) => reader.exhausted(p);
}
