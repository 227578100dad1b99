import { describe, expect, it } from 'vitest';
import storageFailure from '../../scenarios/checkpoint-storage-failure.json';
import eventTime from '../../scenarios/event-time-scores.json';
import exactlyOnce from '../../scenarios/exactly-once-sinks.json';
import fraud from '../../scenarios/fraud-detection.json';
import systemUsage from '../../scenarios/system-usage.json';
import { parseScenario, runScenario } from '../engine/index.ts';
import { PROTOCOL_VERSION } from '../protocol/messages.ts';
import { TOKENS_PER_CHANNEL, TOKENS_PER_FRAME } from './frame.ts';
import { loaded, only, playTo, testHost } from './testHost.ts';

describe('engine host: messages', () => {
  it('announces the protocol version first', () => {
    expect(testHost().events).toEqual([{ type: 'ready', protocolVersion: PROTOCOL_VERSION }]);
  });

  it('answers a malformed command with an error instead of throwing', () => {
    const host = testHost();
    expect(host.send({ type: 'launch-rockets', requestId: 4 })).toMatchObject([
      { type: 'error', requestId: 4 },
    ]);
    expect(host.send('hello')).toMatchObject([{ type: 'error', requestId: null }]);
    expect(host.send({ type: 'run-scenario', scenario: {} })).toMatchObject([
      { type: 'error', requestId: null },
    ]);
    expect(host.send({ type: 'play', requestId: 5, speed: 0 })).toMatchObject([
      { type: 'error', requestId: 5 },
    ]);
  });

  it('refuses commands about a run before anything is loaded', () => {
    const host = testHost();
    for (const command of [
      { type: 'play', speed: 1 },
      { type: 'pause' },
      { type: 'step', to: 'event' },
      { type: 'reset' },
    ]) {
      const error = only(host.command(command).answers, 'error');
      expect(error.message).toMatch(/no scenario loaded/);
    }
    expect(host.send({ type: 'pull' })).toMatchObject([{ type: 'error', requestId: null }]);
  });
});

describe('engine host: run-scenario', () => {
  it('gives the trace hash, time, accuracy and counters of runScenario', () => {
    const direct = runScenario(parseScenario(systemUsage));
    const { requestId, answers } = testHost().command({ type: 'run-scenario', scenario: systemUsage });
    const { result, requestId: answered } = only(answers, 'result');
    expect(answered).toBe(requestId);
    expect(result.traceHash).toBe(direct.traceHash);
    expect(result.virtualTimeMs).toBe(direct.virtualTimeMs);
    expect(result.accuracy).toEqual({ ...direct.accuracy, sinks: undefined });
    expect(result.components.map((c) => [c.id, c.processed, c.delivered, c.lost])).toEqual(
      direct.snapshot.components.map((c) => [c.id, c.processed, c.delivered, c.lost]),
    );
  });

  it('honours `until`, and leaves the loaded run alone', () => {
    const direct = runScenario(parseScenario(systemUsage), { until: 2500 });
    const host = loaded(exactlyOnce);
    const before = host.pull();
    const { result } = only(
      host.command({ type: 'run-scenario', scenario: systemUsage, until: 2500 }).answers,
      'result',
    );
    expect(result).toMatchObject({ traceHash: direct.traceHash, virtualTimeMs: 2500 });
    expect(host.pull()).toMatchObject({ runId: before.runId, traceHash: before.traceHash, time: 0 });
  });

  it('answers an invalid scenario with the issues', () => {
    const error = only(
      testHost().command({ type: 'run-scenario', scenario: { ...systemUsage, seed: 'seven' } }).answers,
      'error',
    );
    expect(error.message).toMatch(/seed/);
    expect(error.issues?.map((i) => i.path)).toEqual(['seed']);
  });
});

describe('engine host: load', () => {
  it('loads a scenario at time 0, paused, as run 1; its frames count from 0', () => {
    const host = testHost();
    const { info, runId } = only(host.command({ type: 'load', scenario: systemUsage }).answers, 'loaded');
    expect(info).toMatchObject({
      title: systemUsage.title,
      semantics: 'at-most-once',
      ackMode: 'acking',
      seed: systemUsage.seed,
    });
    expect(info.runFor).toBe(10_000);
    expect((info.scenario as { failures: unknown[] }).failures).toHaveLength(2);
    expect(runId).toBe(1);
    const first = host.pull();
    expect(first).toMatchObject({
      runId: 1,
      seq: 0,
      time: 0,
      steps: 0,
      status: 'paused',
      semantics: 'at-most-once',
    });
    expect(first.components.map((c) => c.id)).toEqual(systemUsage.job.components.map((c) => c.id));
    expect(first.components.find((c) => c.id === 'analyzer')?.instances).toHaveLength(2);
    expect(host.pull()).toMatchObject({ runId: 1, seq: 1 });
    // Nothing runs while paused with an up-to-date accuracy.
    expect(host.queued).toBe(0);
  });

  it('rejects an invalid scenario with every issue and its path, and keeps the run it had', () => {
    const host = loaded(systemUsage);
    playTo(host, 1500);
    const before = host.pull();
    const bad = structuredClone(systemUsage) as {
      job: { components: { parallelism?: unknown }[]; edges: { to: string }[] };
    };
    bad.job.components[1]!.parallelism = 0;
    bad.job.edges[0]!.to = 'nowhere';
    const error = only(host.command({ type: 'load', scenario: bad }).answers, 'error');
    expect(error.issues?.map((i) => i.path)).toContain('job.components[1].parallelism');
    expect(error.issues?.every((i) => i.code && i.message && i.hint)).toBe(true);
    const after = host.pull();
    expect(after).toMatchObject({
      runId: before.runId,
      time: 1500,
      traceHash: before.traceHash,
      steps: before.steps,
    });
  });

  it('numbers runs: every load and reset is a new run', () => {
    const host = loaded(systemUsage);
    expect(only(host.command({ type: 'load', scenario: exactlyOnce }).answers, 'loaded').runId).toBe(2);
    expect(only(host.command({ type: 'reset' }).answers, 'ok').runId).toBe(3);
    expect(host.pull()).toMatchObject({ runId: 3, seq: 0, semantics: 'exactly-once' });
  });
});

describe('engine host: reset', () => {
  it('goes back to time 0 with another seed and semantics; what is not overridden stays', () => {
    const host = loaded(systemUsage);
    playTo(host, 2000);
    only(host.command({ type: 'reset', seed: 7, semantics: 'at-least-once' }).answers, 'ok');
    expect(host.pull()).toMatchObject({
      time: 0,
      steps: 0,
      seed: 7,
      semantics: 'at-least-once',
      ackMode: 'acking',
      status: 'paused',
    });
    only(host.command({ type: 'reset', ackMode: 'checkpoint' }).answers, 'ok');
    expect(host.pull()).toMatchObject({ seed: 7, semantics: 'at-least-once', ackMode: 'checkpoint' });
    // The same run as runScenario with those settings.
    playTo(host, 3000);
    const direct = runScenario(parseScenario(systemUsage), {
      seed: 7,
      semantics: 'at-least-once',
      ackMode: 'checkpoint',
      until: 3000,
    });
    expect(host.pull().traceHash).toBe(direct.traceHash);
  });

  it('rejects overrides that do not fit the scenario, with issues, and keeps the run', () => {
    const host = loaded(storageFailure);
    playTo(host, 1200);
    const before = host.pull();
    const error = only(host.command({ type: 'reset', semantics: 'at-most-once' }).answers, 'error');
    expect(error.issues?.map((i) => i.path)).toEqual(['failures[0].action']);
    expect(host.pull()).toMatchObject({
      runId: before.runId,
      time: 1200,
      traceHash: before.traceHash,
      semantics: 'exactly-once',
    });
  });
});

describe('engine host: inject', () => {
  it('injects a failure now and notes it among the moments', () => {
    const host = loaded(systemUsage);
    playTo(host, 1000);
    const failure = { action: 'crash', component: 'analyzer', instance: 0, restartAfter: 700 };
    only(host.command({ type: 'inject', failure }).answers, 'ok');
    const frame = host.pull();
    const analyzer = frame.components.find((c) => c.id === 'analyzer')!;
    expect(analyzer.instances.map((i) => i.health)).toEqual(['crashed', 'running']);
    expect(frame.moments).toContainEqual({
      time: 1000,
      kind: 'failure',
      text: 'crash analyzer#0 (back after 700 ms)',
      pending: false,
    });
    expect(frame.moments).toContainEqual({
      time: 1700,
      kind: 'restart',
      text: 'analyzer#0 restarts',
      pending: true,
    });
    // The scripted failures are still to come.
    expect(
      frame.moments.filter((m) => m.kind === 'scripted-failure').map((m) => [m.time, m.pending]),
    ).toEqual([
      [3000, true],
      [6000, true],
    ]);
  });

  it('rejects a failure that names nothing in the job, with issues at `failure`', () => {
    const host = loaded(systemUsage);
    const before = host.pull();
    const error = only(
      host.command({ type: 'inject', failure: { action: 'crash', component: 'nope' } }).answers,
      'error',
    );
    expect(error.issues?.map((i) => i.path)).toEqual(['failure.component']);
    const shape = only(host.command({ type: 'inject', failure: { action: 'explode' } }).answers, 'error');
    expect(shape.issues?.length).toBeGreaterThan(0);
    expect(host.pull().traceHash).toBe(before.traceHash);
  });

  it('rejects a failure the run has nothing for (an acker without acking, checkpoints without checkpointing)', () => {
    const host = loaded(systemUsage);
    const acker = only(host.command({ type: 'inject', failure: { action: 'crash-acker' } }).answers, 'error');
    expect(acker.issues?.map((i) => [i.path, i.code])).toEqual([['failure.action', 'E_INVALID_SETTING']]);
    const storage = only(
      host.command({ type: 'inject', failure: { action: 'checkpoint-storage-failure' } }).answers,
      'error',
    );
    expect(storage.issues?.map((i) => i.path)).toEqual(['failure.action']);
    // With acking it is fine.
    only(host.command({ type: 'reset', semantics: 'at-least-once' }).answers, 'ok');
    only(host.command({ type: 'inject', failure: { action: 'crash-acker' } }).answers, 'ok');
  });
});

describe('engine host: frames', () => {
  it('samples a bounded number of tokens of every kind, with their channel and times', () => {
    const host = loaded(exactlyOnce);
    let barriers = 0;
    let records = 0;
    // Stop at many moments: barriers are in flight only briefly after each trigger.
    for (let t = 1000; t <= 9000; t += 1000) {
      playTo(host, t + 1);
      const frame = host.pull();
      expect(frame.tokens.length).toBeLessThanOrEqual(TOKENS_PER_FRAME);
      const perChannel = new Map<number, number>();
      for (const token of frame.tokens) {
        perChannel.set(token.channel, (perChannel.get(token.channel) ?? 0) + 1);
        expect(token.departure).toBeLessThanOrEqual(token.arrival);
        expect(frame.channels[token.channel]!.size).toBeGreaterThan(0);
        if (token.kind === 'barrier') barriers++;
        if (token.kind === 'record') records++;
      }
      expect(Math.max(0, ...perChannel.values())).toBeLessThanOrEqual(TOKENS_PER_CHANNEL);
    }
    expect(records).toBeGreaterThan(0);
    expect(barriers).toBeGreaterThan(0);
  });

  it('carries +Infinity watermarks (the final watermark of a bounded input)', () => {
    const host = loaded(eventTime);
    only(host.command({ type: 'play', speed: 'max' }).answers, 'ok');
    host.slices();
    const frame = host.pull();
    expect(frame.status).toBe('done');
    expect(frame.components.find((c) => c.id === 'scores')?.watermark).toBe(Infinity);
  });

  it('keeps a frame of fraud-detection small', () => {
    const host = loaded(fraud);
    playTo(host, 5000);
    const bytes = JSON.stringify(host.pull()).length;
    expect(bytes).toBeLessThan(16 * 1024);
  });
});

describe('engine host: watch', () => {
  it('frames carry the views of the panels watched, and only those, across loads and resets', () => {
    const host = loaded(systemUsage);
    expect(host.pull().panels).toEqual({});
    only(host.command({ type: 'watch', panels: { metrics: {}, checkpoints: {} } }).answers, 'ok');
    expect(Object.keys(host.pull().panels).sort()).toEqual(['checkpoints', 'metrics']);
    only(host.command({ type: 'load', scenario: exactlyOnce }).answers, 'loaded');
    only(host.command({ type: 'reset' }).answers, 'ok');
    expect(Object.keys(host.pull().panels).sort()).toEqual(['checkpoints', 'metrics']);
    only(host.command({ type: 'watch', panels: {} }).answers, 'ok');
    expect(host.pull().panels).toEqual({});
  });

  it('refuses a panel it does not know, with the path', () => {
    const host = loaded(systemUsage);
    const error = only(host.command({ type: 'watch', panels: { teleporter: {} } }).answers, 'error');
    expect(error.message).toContain('teleporter');
  });
});
