import { describe, expect, it } from 'vitest';
import systemUsage from '../../scenarios/system-usage.json';
import type { Frame } from '../protocol/messages.ts';
import { loaded as loadedHost } from '../worker/testHost.ts';
import { EngineError, createEngineClient } from './engineClient.ts';
import { FakeWorker, manualTime } from './testDoubles.ts';

/** A real frame and load answer to replay from the fake worker. */
const realHost = loadedHost(systemUsage);
const FRAME: Frame = realHost.pull();
const INFO = { title: 't', semantics: 'at-most-once', ackMode: 'acking', seed: 1, runFor: 10, scenario: {} };

function fakeClient() {
  const time = manualTime();
  const workers: FakeWorker[] = [];
  const crashes: string[] = [];
  const frames: Frame[] = [];
  const client = createEngineClient({
    connect: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    requestFrame: time.requestFrame,
    setTimer: time.setTimer,
    now: time.now,
    timeoutMs: 3000,
    idlePullMs: 1000,
  });
  client.onCrash((message) => crashes.push(message));
  client.onFrame((frame) => frames.push(frame));
  const worker = () => workers.at(-1)!;
  /** Loads, with the fake answering as run `runId`. */
  const load = async (runId = 1) => {
    const loading = client.load({});
    worker().emit({ type: 'loaded', requestId: worker().last('load').requestId, info: INFO, runId });
    return loading;
  };
  return { client, time, workers, worker, crashes, frames, load };
}

/** Lets rejected promises settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('engine client: crash detection', () => {
  it('a command without an answer for the timeout: "stopped responding", pending promises rejected', async () => {
    const { client, time, crashes } = fakeClient();
    const loading = client.load({});
    const failed = loading.catch((e: unknown) => e);
    time.advance(2900);
    await settle();
    expect(crashes).toEqual([]);
    time.advance(200);
    const error = await failed;
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toMatch(/^The engine stopped responding/);
    expect(crashes).toEqual([(error as Error).message]);
    await expect(client.play(1)).rejects.toThrow(/restart/);
  });

  it('a pull without an answer: the same', async () => {
    const { time, crashes, load, worker } = fakeClient();
    await load();
    time.animationFrame();
    expect(worker().count('pull')).toBe(1);
    time.advance(3500);
    expect(crashes).toHaveLength(1);
    expect(worker().terminated).toBe(true);
  });

  it('a busy worker that still answers pulls is alive; a long step is pinged when no frames are pulled', async () => {
    const { client, time, crashes, load, worker } = fakeClient();
    await load();
    // Nobody pulls (no animation frames: a background tab), a step runs for 10 s.
    const stepping = client.step('failure');
    let answered = 0;
    for (let t = 0; t < 10_000; t += 500) {
      time.advance(500);
      if (worker().count('pull') > answered) {
        answered++;
        worker().emit({ type: 'frame', frame: { ...FRAME, status: 'running' } });
      }
    }
    expect(worker().count('pull')).toBeGreaterThan(2);
    expect(crashes).toEqual([]);
    worker().emit({ type: 'ok', requestId: worker().last('step').requestId });
    await expect(stepping).resolves.toBeUndefined();
  });

  it.each([
    [
      'an error event',
      (w: FakeWorker) => w.fire('error', { message: 'out of memory' }),
      'The engine crashed: out of memory.',
    ],
    [
      'a messageerror',
      (w: FakeWorker) => w.fire('messageerror'),
      'The engine sent a message that could not be read.',
    ],
    [
      'a failure outside any command',
      (w: FakeWorker) => w.emit({ type: 'error', requestId: null, message: 'the engine failed: boom' }),
      'The engine failed: boom',
    ],
  ])('%s', async (_name, kill, message) => {
    const { client, crashes, worker } = fakeClient();
    const pending = client.pause().catch((e: unknown) => e);
    kill(worker());
    expect(crashes).toEqual([message]);
    expect(await pending).toMatchObject({ message });
    expect(worker().terminated).toBe(true);
  });

  it('a message the protocol does not allow (another version) counts as a crash', () => {
    const { crashes, worker, client } = fakeClient();
    void client.pause().catch(() => undefined);
    worker().emit({ type: 'ready', protocolVersion: 1 });
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatch(/does not understand/);
  });

  it('restart starts a new worker and loads the last scenario again', async () => {
    const { client, crashes, worker, workers, load } = fakeClient();
    await load();
    worker().fire('error', { message: 'x' });
    expect(crashes).toHaveLength(1);
    const restarting = client.restart();
    expect(workers).toHaveLength(2);
    expect(worker().last('load').scenario).toEqual({});
    worker().emit({ type: 'loaded', requestId: worker().last('load').requestId, info: INFO, runId: 1 });
    await expect(restarting).resolves.toBeUndefined();
    const pausing = client.pause();
    worker().emit({ type: 'ok', requestId: worker().last('pause').requestId });
    await expect(pausing).resolves.toBeUndefined();
  });

  it('restart watches the same panels again before it loads', async () => {
    const { client, worker, load } = fakeClient();
    await load();
    const watching = client.watch({ metrics: {}, acker: {} });
    worker().emit({ type: 'ok', requestId: worker().last('watch').requestId });
    await watching;
    worker().fire('error', { message: 'x' });
    const restarting = client.restart();
    expect(worker().last('watch').panels).toEqual({ metrics: {}, acker: {} });
    worker().emit({ type: 'ok', requestId: worker().last('watch').requestId });
    await settle();
    worker().emit({ type: 'loaded', requestId: worker().last('load').requestId, info: INFO, runId: 1 });
    await expect(restarting).resolves.toBeUndefined();
  });
});

describe('engine client: frames', () => {
  it('drops frames of an older run than the last load or reset answered', async () => {
    const { client, time, frames, load, worker } = fakeClient();
    await load(1);
    const resetting = client.reset({ seed: 3 });
    worker().emit({ type: 'frame', frame: { ...FRAME, runId: 1 } }); // while the reset is on its way
    worker().emit({ type: 'ok', requestId: worker().last('reset').requestId, runId: 2 });
    await resetting;
    worker().emit({ type: 'frame', frame: { ...FRAME, runId: 1, seq: 7 } }); // stale
    worker().emit({ type: 'frame', frame: { ...FRAME, runId: 2, seq: 0 } });
    expect(frames.map((f) => [f.runId, f.seq])).toEqual([[2, 0]]);
    expect(time.framesWaiting).toBeLessThanOrEqual(1);
  });

  it('a paused run with nothing new is pulled only every idlePullMs; a command makes it pull at the next frame', async () => {
    const { client, time, load, worker } = fakeClient();
    await load();
    time.animationFrame();
    expect(worker().count('pull')).toBe(1);
    worker().emit({ type: 'frame', frame: { ...FRAME, status: 'paused', accuracyTime: FRAME.time } });
    for (let i = 0; i < 10; i++) time.animationFrame();
    expect(worker().count('pull')).toBe(1);
    time.advance(1000);
    time.animationFrame();
    expect(worker().count('pull')).toBe(2);
    worker().emit({ type: 'frame', frame: { ...FRAME, status: 'paused', accuracyTime: FRAME.time } });
    void client.play(1);
    time.animationFrame();
    expect(worker().count('pull')).toBe(3);
    // Running: every animation frame, once the previous frame came.
    worker().emit({ type: 'frame', frame: { ...FRAME, status: 'running' } });
    time.animationFrame();
    time.animationFrame();
    expect(worker().count('pull')).toBe(4);
  });
});
