import { describe, expect, it } from 'vitest';
import type { ChannelView } from '../../protocol/messages.ts';
import { blockedChannels } from './blockedChannels.ts';

const channel = (index: number, edge: number, blocked: boolean): ChannelView => ({
  index,
  edge,
  from: 'a#0',
  to: 'b#0',
  size: 0,
  capacity: 10,
  sent: 0,
  dropped: 0,
  lost: 0,
  blocked,
  watermark: null,
  idle: false,
});

describe('blockedChannels', () => {
  it('says how many of of the edge’s channels an aligning receiver holds (1/2: one of two), and nothing when none', () => {
    const channels = [channel(0, 0, false), channel(1, 1, true), channel(2, 1, false), channel(3, 2, true)];
    expect(blockedChannels(channels, 0)).toBe('');
    expect(blockedChannels(channels, 1)).toBe('‖ 1/2 held');
    expect(blockedChannels(channels, 2)).toBe('‖ held');
    expect(blockedChannels(undefined, 0)).toBe('');
  });
});
