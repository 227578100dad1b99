import type { EngineCommand } from '../protocol/messages.ts';
import type { WorkerLike } from './connection.ts';

type Listener = (event: unknown) => void;

/** A worker the test plays: it records what the client posts and emits what the test says. */
export class FakeWorker implements WorkerLike {
  readonly posted: EngineCommand[] = [];
  terminated = false;
  private readonly listeners: Record<string, Listener[]> = { message: [], error: [], messageerror: [] };

  postMessage(message: EngineCommand): void {
    if (!this.terminated) this.posted.push(structuredClone(message));
  }

  addEventListener(type: 'message' | 'error' | 'messageerror', listener: Listener): void {
    this.listeners[type]!.push(listener);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Posts `data` to the client, as the worker would. */
  emit(data: unknown): void {
    for (const l of this.listeners.message!) l({ data: structuredClone(data) });
  }

  fire(type: 'error' | 'messageerror', event: unknown = {}): void {
    for (const l of this.listeners[type]!) l(event);
  }

  /** The last command of `type` posted. */
  last<T extends EngineCommand['type']>(type: T): Extract<EngineCommand, { type: T }> {
    const found = this.posted.filter((c) => c.type === type).at(-1);
    if (found === undefined) throw new Error(`no ${type} was posted`);
    return found as Extract<EngineCommand, { type: T }>;
  }

  count(type: EngineCommand['type']): number {
    return this.posted.filter((c) => c.type === type).length;
  }
}

/** Animation frames and timers the test runs by hand, on a clock it moves. */
export function manualTime() {
  let clock = 0;
  let frames: (() => void)[] = [];
  let timers: { at: number; callback: () => void }[] = [];
  return {
    now: () => clock,
    requestFrame(callback: () => void): () => void {
      frames.push(callback);
      return () => {
        frames = frames.filter((f) => f !== callback);
      };
    },
    setTimer(callback: () => void, ms: number): () => void {
      const timer = { at: clock + ms, callback };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    /** Runs the callbacks waiting for the next animation frame; returns how many ran. */
    animationFrame(): number {
      const due = frames;
      frames = [];
      for (const f of due) f();
      return due.length;
    },
    get framesWaiting(): number {
      return frames.length;
    },
    /** Moves the clock on, running the timers that come due, in order. */
    advance(ms: number): void {
      const end = clock + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (next === undefined) break;
        timers = timers.filter((t) => t !== next);
        clock = Math.max(clock, next.at);
        next.callback();
      }
      clock = end;
    },
  };
}
