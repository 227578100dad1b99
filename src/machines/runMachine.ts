import { assign, fromPromise, setup } from 'xstate';
import type { IssueData, LoadedInfo, Speed } from '../protocol/messages.ts';

/** What the machine needs from an engine client (src/client/engineClient.ts provides it). */
export interface RunClient {
  load(scenario: unknown): Promise<LoadedInfo>;
  play(speed: Speed): Promise<void>;
  pause(): Promise<void>;
  step(to: StepTo): Promise<void>;
  reset(overrides?: { seed?: number }): Promise<void>;
  inject(failure: unknown): Promise<void>;
  restart(): Promise<void>;
}

export type StepTo = 'event' | 'checkpoint' | 'failure';

/** An error with the engine's validation problems, if any. */
interface Failure {
  readonly message: string;
  readonly issues?: readonly IssueData[];
}

export type RunEvent =
  /** The document changed (or was loaded): run it from time 0. */
  | { type: 'LOAD'; scenario: unknown }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'STEP'; to: StepTo }
  | { type: 'RESET' }
  | { type: 'SPEED'; speed: Speed }
  | { type: 'INJECT'; failure: unknown }
  /** The engine reported the end of input. */
  | { type: 'DONE' }
  /** The worker died or threw. */
  | { type: 'CRASH'; message: string }
  | { type: 'RESTART' }
  /** A command failed without stopping the run (a failure that could not be injected); null clears it. */
  | { type: 'NOTICE'; message: string | null };

interface RunContext {
  readonly client: RunClient;
  readonly scenario: unknown;
  readonly speed: Speed;
  readonly loaded: LoadedInfo | null;
  /** The engine's problems with the scenario (state "invalid"). */
  readonly issues: readonly IssueData[];
  /** Why the engine stopped (state "crashed") or rejected the scenario (state "invalid"). */
  readonly error: string | null;
  /** Why the last command failed, until cleared. */
  readonly notice: string | null;
}

const command = fromPromise(async ({ input }: { input: () => Promise<void> }) => input());

/**
 * Control of one run (XState: control state only; the frames go straight to the store). A run is
 * loading, invalid (the engine rejected the scenario), paused, running, stepping, done or crashed
 * (the worker died); a changed document reloads it from time 0, paused.
 */
export const runMachine = setup({
  types: {
    context: {} as RunContext,
    events: {} as RunEvent,
    input: {} as { client: RunClient; speed: Speed },
  },
  actors: {
    load: fromPromise(async ({ input }: { input: { client: RunClient; scenario: unknown } }) =>
      input.client.load(input.scenario),
    ),
    command,
  },
  actions: {
    play: ({ context }) => void context.client.play(context.speed).catch(() => undefined),
    pause: ({ context }) => void context.client.pause().catch(() => undefined),
  },
}).createMachine({
  id: 'run',
  context: ({ input }) => ({
    client: input.client,
    scenario: null,
    speed: input.speed,
    loaded: null,
    issues: [],
    error: null,
    notice: null,
  }),
  initial: 'empty',
  on: {
    LOAD: { target: '.loading', actions: assign({ scenario: ({ event }) => event.scenario }) },
    CRASH: { target: '.crashed', actions: assign({ error: ({ event }) => event.message }) },
    SPEED: { actions: assign({ speed: ({ event }) => event.speed }) },
    NOTICE: { actions: assign({ notice: ({ event }) => event.message }) },
    INJECT: {
      actions: ({ context, event, self }) => {
        context.client.inject(event.failure).catch((e: unknown) => {
          self.send({ type: 'NOTICE', message: e instanceof Error ? e.message : String(e) });
        });
      },
    },
  },
  states: {
    /** Nothing loaded yet. */
    empty: {},
    loading: {
      invoke: {
        src: 'load',
        input: ({ context }) => ({ client: context.client, scenario: context.scenario }),
        onDone: {
          target: 'paused',
          actions: assign({ loaded: ({ event }) => event.output, issues: [], error: null }),
        },
        onError: {
          target: 'invalid',
          actions: assign({
            issues: ({ event }) => (event.error as Failure).issues ?? [],
            error: ({ event }) => (event.error as Failure).message,
          }),
        },
      },
    },
    /** The engine rejected the scenario; the issues say where and how to fix it. */
    invalid: {},
    paused: {
      on: {
        PLAY: 'running',
        STEP: 'stepping',
        RESET: 'resetting',
        DONE: 'done',
      },
    },
    running: {
      entry: 'play',
      on: {
        PAUSE: { target: 'paused', actions: 'pause' },
        SPEED: { actions: [assign({ speed: ({ event }) => event.speed }), 'play'] },
        RESET: { target: 'resetting', actions: 'pause' },
        DONE: 'done',
      },
    },
    stepping: {
      invoke: {
        src: 'command',
        input:
          ({ context, event }) =>
          () =>
            context.client.step((event as { to: StepTo }).to),
        onDone: 'paused',
        onError: 'paused',
      },
    },
    resetting: {
      invoke: {
        src: 'command',
        input:
          ({ context }) =>
          () =>
            context.client.reset(),
        onDone: 'paused',
        onError: 'paused',
      },
    },
    done: {
      on: { RESET: 'resetting' },
    },
    /** The worker died; the document is untouched, and a restart reloads it. */
    crashed: {
      on: { RESTART: 'restarting' },
    },
    restarting: {
      invoke: {
        src: 'command',
        input:
          ({ context }) =>
          () =>
            context.client.restart(),
        onDone: { target: 'paused', actions: assign({ error: null }) },
        onError: {
          target: 'crashed',
          actions: assign({ error: ({ event }) => String((event.error as Error).message) }),
        },
      },
    },
  },
});
