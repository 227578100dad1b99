import { describe, expect, it } from 'vitest';
import systemUsage from '../../scenarios/system-usage.json';
import { parseScenario } from '../engine/index.ts';
import { Run } from './Run.ts';

describe('Run: the accuracy while playing', () => {
  it('a costly comparison is repeated only after ten times its cost, not every 250 ms', () => {
    let clock = 0;
    let tick = 40;
    // Every read of the clock moves it by `tick`: the comparison in the constructor takes 40 ms.
    const run = new Run(parseScenario(systemUsage), 1, { now: () => (clock += tick), accuracyEveryMs: 250 });
    const computedAt = clock;
    tick = 0;
    run.play(1);
    run.engine.step();
    clock = computedAt + 300;
    expect(run.accuracyDue()).toBe(false);
    clock = computedAt + 400;
    expect(run.accuracyDue()).toBe(true);
  });

  it('a cheap one every 250 ms; paused, at once', () => {
    let clock = 0;
    const run = new Run(parseScenario(systemUsage), 1, { now: () => clock, accuracyEveryMs: 250 });
    run.play(1);
    run.engine.step();
    clock = 249;
    expect(run.accuracyDue()).toBe(false);
    clock = 250;
    expect(run.accuracyDue()).toBe(true);
    run.pause();
    clock = 1;
    expect(run.accuracyDue()).toBe(true);
  });
});
