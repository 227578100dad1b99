import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { failuresArb, jobArb } from '../test/arbitraries.ts';
import { TestEngine } from '../test/TestEngine.ts';

describe('conservation', () => {
  it('seed 4242: on every channel at every step, sent = received + queued + in transit + dropped + lost', () => {
    fc.assert(
      fc.property(
        jobArb.chain((g) => fc.tuple(fc.constant(g), failuresArb(g, 400), fc.nat())),
        ([g, failures, seed]) => {
          let checks = 0;
          TestEngine.of(g.job, { seed, runFor: 400, failures }).everyStep((engine) => {
            for (const ch of engine.rt.channels) {
              const { queued, inTransit } = ch.census(engine.now);
              if (ch.sent !== ch.received + queued + inTransit + ch.dropped + ch.lost) {
                throw new Error(
                  `channel ${engine.channelName(ch)} at t=${engine.now}: sent ${ch.sent} ≠ received ${ch.received} + queued ${queued} + in transit ${inTransit} + dropped ${ch.dropped} + lost ${ch.lost}`,
                );
              }
              checks++;
            }
          });
          expect(checks).toBeGreaterThan(0);
        },
      ),
      { seed: 4242, numRuns: 25 },
    );
  });

  it('per component, received = processed and processed = delivered + failed', () => {
    fc.assert(
      fc.property(
        jobArb.chain((g) => fc.tuple(fc.constant(g), failuresArb(g, 500), fc.nat())),
        ([g, failures, seed]) => {
          const t = TestEngine.of(g.job, { seed, runFor: 500, failures }).run();
          for (const c of t.engine.snapshot().components) {
            expect(c.processed).toBe(c.received);
            expect(c.processed).toBe(c.delivered + c.failed);
          }
        },
      ),
      { seed: 77, numRuns: 30 },
    );
  });
});
