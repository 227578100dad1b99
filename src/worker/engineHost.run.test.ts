import { afterEach, describe, expect, it, vi } from 'vitest';
import storageFailure from '../../scenarios/checkpoint-storage-failure.json';
import exactlyOnce from '../../scenarios/exactly-once-sinks.json';
import systemUsage from '../../scenarios/system-usage.json';
import { Engine, engineFor, parseScenario, runScenario } from '../engine/index.ts';
import type { Frame } from '../protocol/messages.ts';
import { loaded, only, playTo, type TestHost } from './testHost.ts';

function accuracyOf(result: ReturnType<typeof runScenario>): Frame['accuracy'] {
  const { expected, actual, correct, missing, duplicated, wrong, score } = result.accuracy;
  return { expected, actual, correct, missing, duplicated, wrong, score };
}

function step(host: TestHost, to: 'event' | 'checkpoint' | 'failure'): Frame {
  only(host.command({ type: 'step', to }).answers, 'ok');
  return host.pull();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('engine host: play and pause', () => {
  it('at a speed, virtual time follows the real clock times the speed', () => {
    const host = loaded(systemUsage);
    only(host.command({ type: 'play', speed: 2 }).answers, 'ok');
    host.advance(100);
    host.slices(1);
    expect(host.pull()).toMatchObject({ time: 200, status: 'running', speed: 2 });
    host.advance(50);
    host.slices(1);
    expect(host.pull().time).toBe(300);
    only(host.command({ type: 'play', speed: 0.5 }).answers, 'ok');
    host.advance(100);
    host.slices(1);
    expect(host.pull()).toMatchObject({ time: 350, speed: 0.5 });
  });

  it('pause stops virtual time, and the host goes quiet', () => {
    const host = loaded(systemUsage);
    playTo(host, 100);
    const paused = host.pull();
    host.advance(5000);
    host.slices();
    expect(host.queued).toBe(0);
    expect(host.pull()).toMatchObject({
      time: 100,
      status: 'paused',
      traceHash: paused.traceHash,
      steps: paused.steps,
    });
  });

  it("at 'max' it runs in budgeted slices to the end: done, with runScenario's trace, time and accuracy", () => {
    // Every read of the clock takes 1 ms: a slice of 8 ms is a few chunks of steps.
    const host = loaded(systemUsage, { tick: 1 });
    only(host.command({ type: 'play', speed: 'max' }).answers, 'ok');
    const times: number[] = [];
    let slices = 0;
    while (host.queued > 0) {
      slices += host.slices(1).ran;
      times.push(host.pull().time);
    }
    expect(slices).toBeGreaterThan(3);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const direct = runScenario(parseScenario(systemUsage));
    const frame = host.pull();
    expect(frame).toMatchObject({
      status: 'done',
      time: direct.virtualTimeMs,
      traceHash: direct.traceHash,
      steps: direct.snapshot.steps,
    });
    expect(frame.accuracy).toEqual(accuracyOf(direct));
    expect(frame.accuracyTime).toBe(frame.time);
    expect(frame.lost).toBe(direct.losses.length);
    expect(frame.replayed).toBe(direct.replays.length);
    // Play when done: stays done.
    only(host.command({ type: 'play', speed: 1 }).answers, 'ok');
    expect(host.pull().status).toBe('done');
  });

  it('at a numeric speed the run ends at its last event, not at the clock', () => {
    const host = loaded(exactlyOnce);
    only(host.command({ type: 'play', speed: 1000 }).answers, 'ok');
    host.advance(60_000);
    host.slices();
    const direct = runScenario(parseScenario(exactlyOnce));
    expect(host.pull()).toMatchObject({
      status: 'done',
      time: direct.virtualTimeMs,
      traceHash: direct.traceHash,
    });
  });
});

describe('engine host: accuracy', () => {
  it.each([
    ['system-usage', systemUsage, 6500],
    ['exactly-once-sinks', exactlyOnce, 7000],
    ['checkpoint-storage-failure', storageFailure, 5900],
  ])('%s: equals runScenario stopped at the same time', (_name, scenario, until) => {
    const host = loaded(scenario);
    playTo(host, until);
    const direct = runScenario(parseScenario(scenario), { until });
    const frame = host.pull();
    expect(frame).toMatchObject({ time: until, accuracyTime: until, traceHash: direct.traceHash });
    expect(frame.accuracy).toEqual(accuracyOf(direct));
    expect(frame.accuracy.score).toBeLessThan(1);
  });

  it('is recomputed at most every 250 ms of real time while running, and once paused', () => {
    const host = loaded(systemUsage);
    only(host.command({ type: 'play', speed: 1 }).answers, 'ok');
    host.advance(100);
    host.slices(1);
    expect(host.pull()).toMatchObject({ time: 100, accuracyTime: 0 });
    host.advance(100);
    host.slices(1);
    expect(host.pull()).toMatchObject({ time: 200, accuracyTime: 0 });
    host.advance(100);
    host.slices(1);
    // 300 ms since the last one: compared at the run's time first (200), then the run went on.
    expect(host.pull()).toMatchObject({ time: 300, accuracyTime: 200 });
    only(host.command({ type: 'pause' }).answers, 'ok');
    host.slices();
    expect(host.pull()).toMatchObject({ time: 300, accuracyTime: 300 });
  });
});

describe('engine host: step', () => {
  it('event: exactly one engine step', () => {
    const host = loaded(systemUsage);
    const engine = engineFor(parseScenario(systemUsage));
    for (let i = 1; i <= 3; i++) {
      engine.step();
      expect(step(host, 'event')).toMatchObject({
        steps: i,
        time: engine.now,
        traceHash: engine.traceHash(),
        status: 'paused',
      });
    }
  });

  it('checkpoint: up to the next checkpoint that completes', () => {
    const host = loaded(exactlyOnce);
    const first = step(host, 'checkpoint');
    expect(first).toMatchObject({ lastCheckpoint: 1, status: 'paused' });
    expect(first.moments).toContainEqual(
      expect.objectContaining({
        kind: 'checkpoint',
        time: first.time,
        text: expect.stringMatching(/^checkpoint 1 completed/),
      }),
    );
    expect(first.time).toBeGreaterThan(1000);
    expect(first.time).toBeLessThan(2000);
    const second = step(host, 'checkpoint');
    expect(second.lastCheckpoint).toBe(2);
    expect(second.time).toBeGreaterThan(2000);
  });

  it('checkpoint: or one that fails', () => {
    const host = loaded(storageFailure);
    playTo(host, 3600);
    const frame = step(host, 'checkpoint');
    expect(frame.lastCheckpoint).toBe(3);
    expect(frame.moments.at(-1)).toMatchObject({
      kind: 'checkpoint-failed',
      time: frame.time,
      text: expect.stringMatching(/^checkpoint 4 failed/),
    });
  });

  it('checkpoint: like event when the run takes no checkpoints', () => {
    const host = loaded(systemUsage);
    expect(step(host, 'checkpoint').steps).toBe(1);
  });

  it('failure: up to the next scripted failure, then to the end when none is left', () => {
    const host = loaded(systemUsage);
    const scripted = (f: Frame) =>
      f.moments.filter((m) => m.kind === 'scripted-failure').map((m) => [m.time, m.pending]);
    const first = step(host, 'failure');
    expect(first.time).toBe(3000);
    expect(scripted(first)).toEqual([
      [3000, false],
      [6000, true],
    ]);
    const second = step(host, 'failure');
    expect(second.time).toBe(6000);
    expect(second.components.find((c) => c.id === 'analyzer')!.instances[1]!.health).toBe('crashed');
    expect(scripted(second)).toEqual([
      [3000, false],
      [6000, false],
    ]);
    const direct = runScenario(parseScenario(systemUsage));
    expect(step(host, 'failure')).toMatchObject({
      status: 'done',
      time: direct.virtualTimeMs,
      traceHash: direct.traceHash,
    });
  });

  it('failure: a failover counts too (checkpoints failing in a row)', () => {
    const host = loaded(storageFailure);
    expect(step(host, 'failure').time).toBe(3500);
    const failover = step(host, 'failure');
    expect(failover.job).toBe('restarting');
    expect(failover.moments).toContainEqual(
      expect.objectContaining({
        kind: 'failover',
        time: failover.time,
        text: expect.stringMatching(/3 checkpoints failed in a row/),
      }),
    );
    expect(failover.moments).toContainEqual(
      expect.objectContaining({ kind: 'restart', pending: true, text: 'the job restarts from checkpoint 3' }),
    );
  });

  it('a long step takes several slices (running meanwhile) and is answered once, when over', () => {
    // Every read of the clock takes a slice's budget: one chunk of steps per slice.
    const host = loaded(systemUsage, { tick: 8 });
    const { requestId, answers } = host.command({ type: 'step', to: 'failure' });
    expect(answers).toEqual([]);
    expect(host.pull().status).toBe('running');
    const { ran, posted } = host.slices();
    expect(ran).toBeGreaterThan(1);
    expect(posted).toEqual([{ type: 'ok', requestId }]);
    expect(host.pull()).toMatchObject({ time: 3000, status: 'paused' });
  });

  it('a command during a long step ends it: the step is answered first', () => {
    const host = loaded(systemUsage, { tick: 8 });
    const stepping = host.command({ type: 'step', to: 'failure' });
    host.slices(1);
    const pause = host.command({ type: 'pause' });
    expect(pause.answers).toEqual([
      { type: 'ok', requestId: stepping.requestId },
      { type: 'ok', requestId: pause.requestId },
    ]);
    const frame = host.pull();
    expect(frame.status).toBe('paused');
    expect(frame.time).toBeLessThan(3000);
    expect(host.slices().posted).toEqual([]);
  });
});

describe('engine host: moments', () => {
  it('keeps the last 50 checkpoints, and the failover among them', () => {
    const frequent = { ...exactlyOnce, checkpointing: { ...exactlyOnce.checkpointing, interval: 50 } };
    const host = loaded(frequent);
    only(host.command({ type: 'play', speed: 'max' }).answers, 'ok');
    host.slices();
    const { moments } = host.pull();
    expect(moments.filter((m) => m.kind === 'checkpoint')).toHaveLength(50);
    expect(moments.filter((m) => m.kind === 'failover')).toHaveLength(1);
    expect(moments.map((m) => m.time)).toEqual(moments.map((m) => m.time).sort((a, b) => a - b));
  });
});

describe('engine host: an engine that throws', () => {
  it('reports it with requestId null, stays paused, and runs again after a reset', () => {
    const host = loaded(systemUsage);
    only(host.command({ type: 'play', speed: 1 }).answers, 'ok');
    vi.spyOn(Engine.prototype, 'step').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    host.advance(100);
    const { posted } = host.slices();
    expect(posted).toEqual([{ type: 'error', requestId: null, message: 'the engine failed: boom' }]);
    expect(host.pull().status).toBe('paused');
    expect(host.queued).toBe(0);
    expect(only(host.command({ type: 'play', speed: 1 }).answers, 'error').message).toMatch(
      /failed earlier.*boom/,
    );
    only(host.command({ type: 'reset' }).answers, 'ok');
    only(host.command({ type: 'play', speed: 1 }).answers, 'ok');
    host.advance(100);
    host.slices(1);
    expect(host.pull().time).toBe(100);
  });

  it('answers a step that throws with an error of its own', () => {
    const host = loaded(systemUsage);
    vi.spyOn(Engine.prototype, 'step').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const error = only(host.command({ type: 'step', to: 'event' }).answers, 'error');
    expect(error.message).toBe('boom');
    expect(host.pull().status).toBe('paused');
  });
});
