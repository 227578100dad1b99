import type { ComponentSnapshot, Engine, InstanceSnapshot } from '../engine/index.ts';
import type { ChannelView, ComponentView, InstanceView, RollbackView, Token } from '../protocol/messages.ts';
import { rollbackViews } from './rollback.ts';

/** What travels on a channel (the engine's index does not export the element classes). */
type StreamElement = ReturnType<Engine['rt']['channels'][number]['entries']>[number]['element'];

/** Tokens per channel and per frame: enough to animate, small enough for a ~10 KiB frame. */
export const TOKENS_PER_CHANNEL = 6;
export const TOKENS_PER_FRAME = 300;

/** The parts of a frame that picture the engine: components with their instances, and channels. */
export function engineView(engine: Engine): { components: ComponentView[]; channels: ChannelView[] } {
  const snapshot = engine.snapshot();
  const rollbacks = rollbackViews(engine);
  return {
    components: snapshot.components.map((c) => componentView(c, rollbacks.get(c.id))),
    channels: snapshot.channels.map((ch) => ({
      index: ch.index,
      edge: ch.edge,
      from: ch.from,
      to: ch.to,
      size: ch.size,
      capacity: ch.capacity,
      sent: ch.sent,
      dropped: ch.dropped,
      lost: ch.lost,
      blocked: ch.blocked,
      watermark: ch.watermark,
      idle: ch.idle,
    })),
  };
}

function componentView(c: ComponentSnapshot, rollback: RollbackView | undefined): ComponentView {
  return {
    id: c.id,
    kind: c.kind,
    role: c.role,
    parallelism: c.parallelism,
    received: c.received,
    processed: c.processed,
    delivered: c.delivered,
    failed: c.failed,
    emitted: c.emitted,
    earlyOut: c.earlyOut,
    lost: c.lost,
    dropped: c.dropped,
    queued: c.queued,
    lateDropped: c.lateDropped,
    watermark: c.watermark,
    instances: c.instances.map(instanceView),
    ...(c.sink ? { sink: { rows: c.sink.rows, writes: c.sink.writes } } : {}),
    ...(rollback ? { rollback } : {}),
  };
}

function instanceView(i: InstanceSnapshot): InstanceView {
  return {
    index: i.index,
    name: i.name,
    health: i.health,
    busy: i.busy,
    blocked: i.blocked,
    processed: i.processed,
    delivered: i.delivered,
    failed: i.failed,
    emitted: i.emitted,
    lost: i.lost,
    dropped: i.dropped,
    queued: i.queued,
    stateSize: i.stateSize,
    aligning: i.aligning,
    aligningCheckpoint: i.aligningCheckpoint,
    alignmentBuffer: i.alignmentBuffer,
    watermark: i.watermark,
    idle: i.idle,
  };
}

/**
 * A sample of the elements in flight, for animation: at most TOKENS_PER_CHANNEL per channel (fewer
 * when there are many channels) and TOKENS_PER_FRAME in all. Barriers, watermarks and statuses are
 * rare and tell the story of a checkpoint or of event time, so they are taken first; the records
 * fill the rest, spread evenly along the channel.
 */
export function sampleTokens(engine: Engine): Token[] {
  const channels = engine.rt.channels;
  const perChannel = Math.max(
    1,
    Math.min(TOKENS_PER_CHANNEL, Math.floor(TOKENS_PER_FRAME / channels.length)),
  );
  const tokens: Token[] = [];
  for (const ch of channels) {
    if (ch.size === 0) continue;
    const room = Math.min(perChannel, TOKENS_PER_FRAME - tokens.length);
    if (room <= 0) break;
    const entries = ch.entries();
    for (const k of pick(entries, room)) {
      const e = entries[k]!;
      tokens.push({
        channel: ch.index,
        kind: e.element.kind,
        label: labelOf(e.element),
        departure: e.departure,
        arrival: e.arrival,
      });
    }
  }
  return tokens;
}

/** Indices of at most `room` entries, oldest first: control elements first, then records evenly spread. */
function pick(entries: readonly { element: StreamElement }[], room: number): number[] {
  if (entries.length <= room) return entries.map((_, k) => k);
  const chosen: number[] = [];
  const records: number[] = [];
  entries.forEach((e, k) => {
    if (e.element.kind === 'record') records.push(k);
    else if (chosen.length < room) chosen.push(k);
  });
  const left = room - chosen.length;
  for (let j = 0; j < left && j < records.length; j++) {
    chosen.push(records[Math.floor((j * records.length) / left)]!);
  }
  return chosen.sort((a, b) => a - b);
}

function labelOf(element: StreamElement): number {
  switch (element.kind) {
    case 'record':
      return element.id;
    case 'barrier':
      return element.checkpointId;
    case 'watermark':
      return element.time;
    case 'status':
      return element.idle ? 1 : 0;
  }
}
