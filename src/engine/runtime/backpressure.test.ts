import { describe, expect, it } from 'vitest';
import { TestEngine } from '../test/TestEngine.ts';

const slowSinkJob = (overflow: 'block' | 'drop') => ({
  components: [
    { id: 'src', kind: 'generator-source', rate: 1000, keys: 10 },
    { id: 'map', kind: 'map', cost: 0.1 },
    { id: 'sink', kind: 'append-sink', cost: 5 },
  ],
  edges: [
    { from: 'src', to: 'map', capacity: 16 },
    { from: 'map', to: 'sink', capacity: 16, overflow },
  ],
});

describe('backpressure', () => {
  it('a slow sink slows the source to its service rate, and no channel exceeds its capacity', () => {
    const t = TestEngine.of(slowSinkJob('block'), { runFor: 5000, trace: true });
    let maxFill = 0;
    t.engine.runUntil(4000);
    t.everyStep((engine) => {
      if (engine.now > 5000) return;
      for (const ch of engine.rt.channels) {
        if (ch.size > ch.capacity)
          throw new Error(`${engine.channelName(ch)} holds ${ch.size} > ${ch.capacity}`);
        maxFill = Math.max(maxFill, ch.size);
      }
    });
    expect(maxFill).toBe(16);
    // Steady state, 2 s…4 s: the sink serves 200 records/s, so the source reads ≈ 400 records.
    const reads = t.events.filter((e) => e.type === 'read' && e.time >= 2000 && e.time < 4000).length;
    expect(reads).toBeGreaterThanOrEqual(390);
    expect(reads).toBeLessThanOrEqual(410);
    // Nothing is lost under backpressure: the unread input waits in the log (consumer lag).
    expect(t.engine.rt.channels.every((c) => c.dropped === 0 && c.lost === 0)).toBe(true);
  });

  it('the source lag grows while it is throttled', () => {
    const t = TestEngine.of(slowSinkJob('block'), { runFor: 5000 }).runUntil(3000);
    const src = t.component('src').instances[0]!;
    expect(src.source!.lag).toBeGreaterThan(1500);
    expect(src.blockedTime).toBeGreaterThan(2000);
  });

  it('with drop-when-full the source keeps its rate and the overflow is dropped and counted', () => {
    const t = TestEngine.of(slowSinkJob('drop'), { runFor: 5000, trace: true }).run();
    const reads = t.events.filter((e) => e.type === 'read' && e.time >= 2000 && e.time < 4000).length;
    expect(reads).toBe(2000);
    const ch = t.engine.rt.channels.find((c) => t.engine.channelName(c) === 'map#0 → sink#0')!;
    expect(ch.dropped).toBeGreaterThan(3000);
    expect(t.component('sink').dropped).toBe(ch.dropped);
    expect(t.engine.losses.filter((l) => l.reason === 'dropped').length).toBe(ch.dropped);
  });
});
