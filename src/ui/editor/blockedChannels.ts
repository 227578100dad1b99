import type { ChannelView } from '../../protocol/messages.ts';

/**
 * Checkpointing: the edge's channels whose receiver blocked them while it aligns, in words (empty:
 * none) — their records wait behind the barrier that came first, until the last input's arrives.
 */
export function blockedChannels(channels: readonly ChannelView[] | undefined, edge: number): string {
  let all = 0;
  let blocked = 0;
  for (const ch of channels ?? []) {
    if (ch.edge !== edge) continue;
    all++;
    if (ch.blocked) blocked++;
  }
  if (blocked === 0) return '';
  return all === 1 ? '‖ held' : `‖ ${blocked}/${all} held`;
}
