import { describe, expect, it } from 'vitest';
import exactlyOnce from '../../scenarios/exactly-once-sinks.json';
import { engineFor, parseScenario } from '../engine/index.ts';
import { TOKENS_PER_CHANNEL, TOKENS_PER_FRAME, sampleTokens } from './frame.ts';

/** exactly-once-sinks with more clicks than the counters can take: full channels, barriers stuck in them. */
function crowded() {
  const scenario = structuredClone(exactlyOnce) as { job: { components: Record<string, unknown>[] } };
  scenario.job.components[0]!.rate = 200;
  scenario.job.components[1]!.cost = 15;
  return engineFor(parseScenario(scenario));
}

describe('sampleTokens', () => {
  it('takes every barrier of a crowded channel, then records spread along it, at most 6 per channel', () => {
    const engine = crowded();
    let crowdedWithBarrier = 0;
    for (let t = 500; t <= 6000; t += 250) {
      engine.runUntil(t);
      const tokens = sampleTokens(engine);
      expect(tokens.length).toBeLessThanOrEqual(TOKENS_PER_FRAME);
      for (const ch of engine.snapshot().channels) {
        const mine = tokens.filter((k) => k.channel === ch.index);
        expect(mine).toHaveLength(Math.min(ch.size, TOKENS_PER_CHANNEL));
        const barriers = mine.filter((k) => k.kind === 'barrier').map((k) => k.label);
        expect(barriers).toEqual(ch.barriers.slice(0, TOKENS_PER_CHANNEL));
        if (ch.size > TOKENS_PER_CHANNEL && ch.barriers.length > 0) crowdedWithBarrier++;
        // Oldest first, and spread: the records do not all come from the head of the channel.
        const departures = mine.map((k) => k.departure);
        expect(departures).toEqual([...departures].sort((a, b) => a - b));
        if (ch.size > 3 * TOKENS_PER_CHANNEL) {
          const entries = engine.rt.channels[ch.index]!.entries();
          expect(mine.at(-1)!.departure).toBeGreaterThan(entries[TOKENS_PER_CHANNEL]!.departure);
        }
      }
    }
    expect(crowdedWithBarrier).toBeGreaterThan(5);
  });

  it('labels records with their lineage id and watermarks with their time', () => {
    const engine = crowded();
    engine.runUntil(1000);
    const ids = new Set(
      engine.rt.channels.flatMap((ch) =>
        ch.entries().map((e) => (e.element.kind === 'record' ? e.element.id : -1)),
      ),
    );
    const records = sampleTokens(engine).filter((k) => k.kind === 'record');
    expect(records.length).toBeGreaterThan(0);
    for (const token of records) expect(ids.has(token.label)).toBe(true);
  });
});
