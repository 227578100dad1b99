import { describe, expect, it } from 'vitest';
import aligned from '../../scenarios/aligned-barriers.json';
import offsets from '../../scenarios/checkpointed-offsets.json';
import exactlyOnce from '../../scenarios/exactly-once-sinks.json';
import { parseScenario, runScenario } from '../engine/index.ts';
import type { ComponentView, Frame } from '../protocol/messages.ts';
import { ROLLBACK_SHOWN_MS } from './rollback.ts';
import { loaded, only, playTo, type TestHost } from './testHost.ts';

function stepToFailure(host: TestHost): Frame {
  only(host.command({ type: 'step', to: 'failure' }).answers, 'ok');
  host.slices();
  return host.pull();
}

function component(frame: Frame, id: string): ComponentView {
  return frame.components.find((c) => c.id === id)!;
}

const rewinds = (scenario: unknown) =>
  runScenario(parseScenario(scenario)).replays.filter((r) => r.cause === 'rewind').length;

describe('the rollback on the canvas (frame components)', () => {
  it('no rollback before a failover', () => {
    const host = loaded(exactlyOnce);
    playTo(host, 5500);
    expect(host.pull().components.every((c) => c.rollback === undefined)).toBe(true);
  });

  it('exactly-once: while restarting, every component says what checkpoint 5 gives it back', () => {
    const host = loaded(exactlyOnce);
    const frame = stepToFailure(host);
    expect(frame).toMatchObject({ time: 5600, job: 'restarting', lastCheckpoint: 5 });
    const effects = Object.fromEntries(frame.components.map((c) => [c.id, c.rollback?.effect]));
    expect(effects).toEqual({
      clicks: 'rewound',
      counter: 'restored',
      'committed-log': 'transactions',
      'plain-log': 'outside',
      'page-totals': 'outside',
    });
    for (const c of frame.components) {
      expect(c.rollback).toMatchObject({ checkpoint: 5, phase: 'restarting', restartedAt: 6100 });
    }
    // The counters get back what they saved in checkpoint 5 (the coordinator's acknowledgements).
    const cp5 = runScenario(parseScenario(exactlyOnce), { until: 5600 }).checkpoints.find((c) => c.id === 5)!;
    const counterIndices = component(frame, 'counter').instances.map((i) => i.index);
    const saved = cp5.acks.filter((a) => counterIndices.includes(a.instance)).reduce((n, a) => n + a.size, 0);
    expect(component(frame, 'counter').rollback!.stateSize).toBe(saved);
    // The source goes back to its checkpointed offset: everything read after it is read again.
    const before = runScenario(parseScenario(exactlyOnce), { until: 5600 }).snapshot;
    const position = before.components.find((c) => c.id === 'clicks')!.instances[0]!.source!.positions;
    const rollback = component(frame, 'clicks').rollback!;
    expect(rollback.offsets).toHaveLength(position.length);
    expect(position[0]! - rollback.offsets![0]!).toBe(rewinds(exactlyOnce));
  });

  it('after the restart: restored, the source re-reading step by step, then gone a few seconds later', () => {
    const host = loaded(exactlyOnce);
    playTo(host, 6099);
    let frame = host.pull();
    while (frame.job !== 'running') {
      only(host.command({ type: 'step', to: 'event' }).answers, 'ok');
      frame = host.pull();
    }
    // The restart's own step: every task restored, nothing read yet.
    expect(frame.time).toBe(6100);
    expect(component(frame, 'clicks').rollback).toMatchObject({
      phase: 'restored',
      replaying: rewinds(exactlyOnce),
    });
    only(host.command({ type: 'step', to: 'event' }).answers, 'ok');
    expect(component(host.pull(), 'clicks').rollback!.replaying).toBe(rewinds(exactlyOnce) - 1);
    playTo(host, 7000);
    expect(component(host.pull(), 'clicks').rollback).toMatchObject({ phase: 'restored', replaying: 0 });
    playTo(host, 6100 + ROLLBACK_SHOWN_MS + 1);
    expect(host.pull().components.every((c) => c.rollback === undefined)).toBe(true);
  });

  it('at-least-once by checkpointed offsets: the sources rewind, the operators keep their state', () => {
    const host = loaded(offsets);
    const frame = stepToFailure(host);
    expect(frame.time).toBe(6000);
    expect(component(frame, 'transactions').rollback).toMatchObject({ effect: 'rewound', checkpoint: 5 });
    expect(component(frame, 'analyzer').rollback!.effect).toBe('kept');
    expect(component(frame, 'counter').rollback!.effect).toBe('kept');
    expect(component(frame, 'usage-writer').rollback!.effect).toBe('outside');
  });
});

describe('alignment on the canvas (frame instances)', () => {
  it('aligned-barriers at 3.1 s: both counters align checkpoint 3 and hold records', () => {
    const host = loaded(aligned);
    playTo(host, 3100);
    const frame = host.pull();
    const direct = runScenario(parseScenario(aligned), { until: 3100 }).snapshot;
    const counters = component(frame, 'per-customer').instances;
    expect(counters.map((i) => i.aligningCheckpoint)).toEqual([3, 3]);
    expect(counters.map((i) => i.alignmentBuffer)).toEqual(
      direct.components.find((c) => c.id === 'per-customer')!.instances.map((i) => i.alignmentBuffer),
    );
    expect(counters.every((i) => i.alignmentBuffer > 0)).toBe(true);
    // The enrich instances have one input each: they never align.
    expect(component(frame, 'enrich').instances.map((i) => i.aligningCheckpoint)).toEqual([null, null]);
  });
});
