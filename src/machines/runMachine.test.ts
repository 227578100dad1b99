import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { LoadedInfo } from '../protocol/messages.ts';
import { type RunClient, runMachine } from './runMachine.ts';

const LOADED: LoadedInfo = {
  title: 'T',
  semantics: 'at-most-once',
  ackMode: 'acking',
  seed: 1,
  runFor: 100,
  scenario: {},
};

/** A client that records its calls; load fails for scenarios marked bad. */
function fakeClient() {
  const calls: string[] = [];
  const client: RunClient = {
    load: async (s) => {
      calls.push('load');
      if ((s as { bad?: boolean }).bad) {
        throw Object.assign(new Error('invalid scenario'), {
          issues: [{ code: 'E', path: 'job', message: 'no sink', hint: 'add one' }],
        });
      }
      return LOADED;
    },
    play: async (speed) => void calls.push(`play ${speed}`),
    pause: async () => void calls.push('pause'),
    step: async (to) => void calls.push(`step ${to}`),
    reset: async () => void calls.push('reset'),
    inject: async (f) => {
      calls.push('inject');
      if ((f as { bad?: boolean }).bad) throw new Error('no component "zz"');
    },
    restart: async () => void calls.push('restart'),
  };
  return { client, calls };
}

describe('run machine', () => {
  it('load → paused; play, speed, pause, step, done, reset', async () => {
    const { client, calls } = fakeClient();
    const actor = createActor(runMachine, { input: { client, speed: 1 } }).start();
    expect(actor.getSnapshot().value).toBe('empty');
    actor.send({ type: 'LOAD', scenario: {} });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.loaded).toEqual(LOADED);
    actor.send({ type: 'PLAY' });
    expect(actor.getSnapshot().value).toBe('running');
    actor.send({ type: 'SPEED', speed: 'max' });
    actor.send({ type: 'PAUSE' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'STEP', to: 'checkpoint' });
    await waitFor(actor, (s) => s.matches('paused'));
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'DONE' });
    expect(actor.getSnapshot().value).toBe('done');
    actor.send({ type: 'PLAY' });
    expect(actor.getSnapshot().value).toBe('done');
    actor.send({ type: 'RESET' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(calls).toEqual(['load', 'play 1', 'play max', 'pause', 'step checkpoint', 'play max', 'reset']);
  });

  it('an invalid scenario: state invalid with the engine issues; a new document loads again', async () => {
    const { client } = fakeClient();
    const actor = createActor(runMachine, { input: { client, speed: 1 } }).start();
    actor.send({ type: 'LOAD', scenario: { bad: true } });
    await waitFor(actor, (s) => s.matches('invalid'));
    expect(actor.getSnapshot().context.issues).toMatchObject([{ path: 'job', message: 'no sink' }]);
    actor.send({ type: 'PLAY' });
    expect(actor.getSnapshot().value).toBe('invalid');
    actor.send({ type: 'LOAD', scenario: {} });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.issues).toEqual([]);
  });

  it('a crash: crashed with the message; restart brings it back paused', async () => {
    const { client, calls } = fakeClient();
    const actor = createActor(runMachine, { input: { client, speed: 1 } }).start();
    actor.send({ type: 'LOAD', scenario: {} });
    await waitFor(actor, (s) => s.matches('paused'));
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'CRASH', message: 'The engine stopped responding' });
    expect(actor.getSnapshot().value).toBe('crashed');
    expect(actor.getSnapshot().context.error).toBe('The engine stopped responding');
    actor.send({ type: 'RESTART' });
    await waitFor(actor, (s) => s.matches('paused'));
    expect(actor.getSnapshot().context.error).toBeNull();
    expect(calls.at(-1)).toBe('restart');
  });

  it('a failure the engine refuses becomes a notice; the run goes on', async () => {
    const { client } = fakeClient();
    const actor = createActor(runMachine, { input: { client, speed: 1 } }).start();
    actor.send({ type: 'LOAD', scenario: {} });
    await waitFor(actor, (s) => s.matches('paused'));
    actor.send({ type: 'INJECT', failure: { bad: true } });
    await waitFor(actor, (s) => s.context.notice !== null);
    expect(actor.getSnapshot().context.notice).toBe('no component "zz"');
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'NOTICE', message: null });
    expect(actor.getSnapshot().context.notice).toBeNull();
  });
});
