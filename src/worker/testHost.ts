import { EngineEvent, type Frame } from '../protocol/messages.ts';
import { createEngineHost, type EngineHostOptions, type PortLike } from './engineHost.ts';

/**
 * A host in-process for tests, on a clock and a slice queue the test drives: `send` plays the UI
 * thread and returns what came back (each event validated against the protocol, after a structured
 * clone as a worker's would be); `slices` runs the queued slices. With `tick` > 0 every read of the
 * clock moves it on, so slices run out of budget as on a real machine.
 */
export function testHost(options: { tick?: number } & Omit<EngineHostOptions, 'now' | 'schedule'> = {}) {
  let clock = 0;
  const tick = options.tick ?? 0;
  const queue: (() => void)[] = [];
  const events: EngineEvent[] = [];
  let listener: ((event: { data: unknown }) => void) | undefined;
  const port: PortLike = {
    postMessage: (message) => events.push(EngineEvent.parse(structuredClone(message))),
    addEventListener: (_type, l) => {
      listener = l;
    },
  };
  const host = createEngineHost(port, {
    ...options,
    now: () => (clock += tick),
    schedule: (task) => queue.push(task),
  });
  let nextRequestId = 1;

  /** Delivers `data` to the host; returns the events it posted in response (synchronously). */
  const send = (data: unknown): EngineEvent[] => {
    const before = events.length;
    listener!({ data: structuredClone(data) });
    return events.slice(before);
  };

  return {
    events,
    host,
    send,
    /** Sends a command with a fresh request id; returns its id and the events posted at once. */
    command(command: Record<string, unknown>): { requestId: number; answers: EngineEvent[] } {
      const requestId = nextRequestId++;
      return { requestId, answers: send({ ...command, requestId }) };
    },
    /** Pulls once; fails unless exactly one frame came back. */
    pull(): Frame {
      const out = send({ type: 'pull' });
      if (out.length !== 1 || out[0]!.type !== 'frame') {
        throw new Error(`a pull was answered with ${JSON.stringify(out.map((e) => e.type))}`);
      }
      return out[0].frame;
    },
    /** Runs queued slices (at most `max`); returns how many ran and what they posted. */
    slices(max = 100_000): { ran: number; posted: EngineEvent[] } {
      const before = events.length;
      let ran = 0;
      while (queue.length > 0 && ran < max) {
        queue.shift()!();
        ran++;
      }
      return { ran, posted: events.slice(before) };
    },
    get queued(): number {
      return queue.length;
    },
    /** Moves the real clock on. */
    advance(ms: number): void {
      clock += ms;
    },
    get now(): number {
      return clock;
    },
  };
}

export type TestHost = ReturnType<typeof testHost>;

/** The one answer to the command just sent, which must be of type `type`. */
export function only<T extends EngineEvent['type']>(
  answers: EngineEvent[],
  type: T,
): Extract<EngineEvent, { type: T }> {
  if (answers.length !== 1 || answers[0]!.type !== type) {
    throw new Error(`expected one ${type}, got ${JSON.stringify(answers)}`);
  }
  return answers[0] as Extract<EngineEvent, { type: T }>;
}

/** A host with `scenario` loaded. */
export function loaded(scenario: unknown, options?: Parameters<typeof testHost>[0]): TestHost {
  const host = testHost(options);
  only(host.command({ type: 'load', scenario }).answers, 'loaded');
  return host;
}

/** Plays at speed 1 to virtual time `time` exactly (one slice on a clock that stands still), then pauses. */
export function playTo(host: TestHost, time: number): void {
  only(host.command({ type: 'play', speed: 1 }).answers, 'ok');
  host.advance(time - host.pull().time);
  host.slices(1);
  only(host.command({ type: 'pause' }).answers, 'ok');
  host.slices();
}
