import { describe, expect, it } from 'vitest';
import exactlyOnce from '../../scenarios/exactly-once-sinks.json';
import { loaded, playTo } from '../worker/testHost.ts';
import { applyFrame, edgeLoads, useRun } from './run.ts';

/** A real frame of a run with several edges, some of them fanning out to parallel instances. */
function frameAt(time: number) {
  const host = loaded(exactlyOnce);
  playTo(host, time);
  return host.pull();
}

describe('run store', () => {
  it('gathers the channels and tokens of each edge once per frame', () => {
    const frame = frameAt(400);
    expect(frame.tokens.length).toBeGreaterThan(0);
    const loads = edgeLoads(frame);
    expect(loads).toHaveLength(new Set(frame.channels.map((c) => c.edge)).size);
    loads.forEach((load, edge) => {
      const channels = frame.channels.filter((c) => c.edge === edge);
      expect(load.size).toBe(channels.reduce((n, c) => n + c.size, 0));
      expect(load.capacity).toBe(channels.reduce((n, c) => n + c.capacity, 0));
      const indices = new Set(channels.map((c) => c.index));
      expect(load.tokens).toEqual(frame.tokens.filter((t) => indices.has(t.channel)));
    });
    expect(loads.reduce((n, l) => n + l.tokens.length, 0)).toBe(frame.tokens.length);
  });

  it('keeps the moments array while the moments stay the same, so the timeline does not redraw', () => {
    const first = frameAt(6000);
    expect(first.moments.length).toBeGreaterThan(0);
    applyFrame(first);
    const kept = useRun.getState().frame!.moments;
    applyFrame({ ...first, seq: first.seq + 1, moments: structuredClone(first.moments) });
    expect(useRun.getState().frame!.moments).toBe(kept);
    applyFrame({ ...first, moments: [...first.moments, { ...first.moments[0]!, time: 6001 }] });
    expect(useRun.getState().frame!.moments).not.toBe(kept);
  });
});
