import type { EngineCommand, Frame, LoadedInfo, RunSummary, Speed } from '../protocol/messages.ts';
import type { PanelRequest } from '../protocol/panels.ts';
import { Connection, type Answer, type WorkerLike } from './connection.ts';
import { deferredWorker } from './deferredWorker.ts';
import { EngineError } from './EngineError.ts';

export { EngineError } from './EngineError.ts';
export type { WorkerLike } from './connection.ts';

export type StepTo = Extract<EngineCommand, { type: 'step' }>['to'];
export type ResetOverrides = Omit<Extract<EngineCommand, { type: 'reset' }>, 'type' | 'requestId'>;

/** The UI's handle on one engine worker. Every promise rejects with an {@link EngineError}. */
export interface EngineClient {
  /** Loads a scenario (JSON data): time 0, paused. Rejects with the engine's issues when it is invalid (the old run stays). */
  load(scenario: unknown): Promise<LoadedInfo>;
  play(speed: Speed): Promise<void>;
  pause(): Promise<void>;
  /** Resolves when the step is over (a step to the next checkpoint or failure may take a while). */
  step(to: StepTo): Promise<void>;
  /** Back to time 0; overrides stay for later resets until the next load. Rejects with issues when they do not fit. */
  reset(overrides?: ResetOverrides): Promise<void>;
  /** Injects a failure now; rejects with issues when it does not fit the job. */
  inject(failure: unknown): Promise<void>;
  /** The panels whose views frames should carry from now on (kept across loads, resets and restarts). */
  watch(panels: PanelRequest): Promise<void>;
  /** Runs a scenario to the end (or `until`) in one go, apart from the loaded run. */
  runScenario(scenario: unknown, until?: number): Promise<RunSummary>;
  /** Frames of the loaded run, at most one per animation frame. Returns the unsubscribe function. */
  onFrame(listener: (frame: Frame) => void): () => void;
  /** The worker died, stopped answering or failed; pending promises were rejected. Returns the unsubscribe function. */
  onCrash(listener: (message: string) => void): () => void;
  /** A fresh worker with the last loaded scenario (and reset overrides) loaded again, paused. */
  restart(): Promise<void>;
  /** Terminates the worker without telling anyone (tests: a worker that died; the watchdog must notice). */
  kill(): void;
  /** Terminates the worker; pending promises are rejected. A later command starts a new worker. */
  dispose(): void;
}

export interface EngineClientOptions {
  /** Starts a worker (default: src/worker/engine.worker.ts as a module worker). */
  readonly connect?: () => WorkerLike;
  /** Calls back at the next animation frame; returns a cancel function (default: requestAnimationFrame). */
  readonly requestFrame?: (callback: () => void) => () => void;
  /** Real time in ms (default: performance.now). */
  readonly now?: () => number;
  /** Calls back after `ms`; returns a cancel function (default: setTimeout). */
  readonly setTimer?: (callback: () => void, ms: number) => () => void;
  /** No answer to a pull or command for this long: the worker is dead (default 3000). */
  readonly timeoutMs?: number;
  /** The same for run-scenario, which runs in one go (default 60000). */
  readonly runTimeoutMs?: number;
  /** A paused run with nothing new is pulled only this often, as a sign of life (default 1000). */
  readonly idlePullMs?: number;
}

export const TIMEOUT_MS = 3000;
export const RUN_TIMEOUT_MS = 60_000;
export const IDLE_PULL_MS = 1000;

/** Creates a client. Its worker starts with the first command, so an unused client costs nothing. */
export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  return new Client({
    connect: options.connect ?? spawnWorker,
    requestFrame: options.requestFrame ?? nextAnimationFrame,
    now: options.now ?? (() => performance.now()),
    setTimer: options.setTimer ?? after,
    timeoutMs: options.timeoutMs ?? TIMEOUT_MS,
    runTimeoutMs: options.runTimeoutMs ?? RUN_TIMEOUT_MS,
    idlePullMs: options.idlePullMs ?? IDLE_PULL_MS,
  });
}

/**
 * A Web Worker running the engine; where there is none (Node, or a browser that refuses module
 * workers) the same host on this thread, loaded on demand so that the page's own bundle stays
 * free of the engine.
 */
function spawnWorker(): WorkerLike {
  if (typeof Worker === 'function') {
    try {
      return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      // Fall through to the main thread.
    }
  }
  return deferredWorker(async () => (await import('./inProcess.ts')).inProcessWorker());
}

function nextAnimationFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') return after(callback, 16);
  const id = requestAnimationFrame(() => callback());
  return () => cancelAnimationFrame(id);
}

function after(callback: () => void, ms: number): () => void {
  const id = setTimeout(callback, ms);
  return () => clearTimeout(id);
}

type Settings = Required<EngineClientOptions>;
type Command = Parameters<Connection['request']>[0];

/**
 * Frames are pulled: one `pull` per animation frame, never while one is outstanding, so the worker
 * posts at most one frame per animation frame. A run that is paused with nothing new (its accuracy
 * up to date, no command since) is pulled only every `idlePullMs`. Frames are dropped while a load
 * or reset is on its way, and when they belong to an older run than the last load or reset.
 */
class Client implements EngineClient {
  private connection: Connection | null = null;
  private crashed = false;
  /** The current worker has a run loaded (so it can be pulled). */
  private hasRun = false;
  /** Loads and resets sent and not answered yet: frames meanwhile may be of the old run. */
  private switching = 0;
  /** The run of the last load or reset answered; older frames are dropped. */
  private runFloor = 0;
  /** Something was sent since the last pull, or the last frame showed a run that moves. */
  private fresh = true;
  private cancelPull: (() => void) | null = null;
  private pullIsIdle = false;
  /** What restart loads again. */
  private last: { scenario: unknown; overrides: ResetOverrides } | null = null;
  /** What restart watches again. */
  private watched: PanelRequest = {};
  private readonly frameListeners = new Set<(frame: Frame) => void>();
  private readonly crashListeners = new Set<(message: string) => void>();

  constructor(private readonly settings: Settings) {}

  async load(scenario: unknown): Promise<LoadedInfo> {
    const answer = await this.switchRun({ type: 'load', scenario });
    this.last = { scenario, overrides: {} };
    return (answer as Extract<Answer, { type: 'loaded' }>).info;
  }

  async reset(overrides: ResetOverrides = {}): Promise<void> {
    await this.switchRun({ type: 'reset', ...overrides });
    if (this.last !== null) this.last = { ...this.last, overrides: { ...this.last.overrides, ...overrides } };
  }

  async play(speed: Speed): Promise<void> {
    await this.send({ type: 'play', speed });
  }

  async pause(): Promise<void> {
    await this.send({ type: 'pause' });
  }

  async step(to: StepTo): Promise<void> {
    await this.send({ type: 'step', to });
  }

  async inject(failure: unknown): Promise<void> {
    await this.send({ type: 'inject', failure });
  }

  async watch(panels: PanelRequest): Promise<void> {
    this.watched = panels;
    await this.send({ type: 'watch', panels });
  }

  async runScenario(scenario: unknown, until?: number): Promise<RunSummary> {
    const command: Command = { type: 'run-scenario', scenario, ...(until === undefined ? {} : { until }) };
    const answer = await this.send(command, this.settings.runTimeoutMs);
    return (answer as Extract<Answer, { type: 'result' }>).result;
  }

  onFrame(listener: (frame: Frame) => void): () => void {
    this.frameListeners.add(listener);
    this.fresh = true;
    this.schedulePull();
    return () => this.frameListeners.delete(listener);
  }

  onCrash(listener: (message: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  async restart(): Promise<void> {
    this.stop('The engine was restarted.');
    this.crashed = false;
    const last = this.last;
    if (Object.keys(this.watched).length > 0) await this.watch(this.watched);
    if (last === null) return;
    await this.load(last.scenario);
    if (Object.keys(last.overrides).length > 0) await this.reset(last.overrides);
  }

  kill(): void {
    this.connection?.kill();
  }

  dispose(): void {
    this.stop('The engine client was disposed.');
  }

  // ---------------------------------------------------------------------------------------------

  private async switchRun(command: Command): Promise<Answer> {
    this.switching++;
    try {
      const answer = await this.send(command);
      this.hasRun = true;
      const runId = (answer as { runId?: number }).runId;
      if (runId !== undefined) this.runFloor = Math.max(this.runFloor, runId);
      return answer;
    } finally {
      this.switching--;
      this.schedulePull();
    }
  }

  private send(command: Command, timeoutMs = this.settings.timeoutMs): Promise<Answer> {
    if (this.crashed) return Promise.reject(new EngineError('The engine stopped; restart it first.'));
    const answer = this.connect().request(command, timeoutMs);
    this.fresh = true;
    this.schedulePull();
    return answer;
  }

  private connect(): Connection {
    if (this.connection === null) {
      const { now, setTimer, timeoutMs } = this.settings;
      const connection: Connection = new Connection(
        this.settings.connect(),
        { now, setTimer, timeoutMs },
        {
          frame: (frame) => this.deliver(frame),
          dead: (message) => this.crash(connection, message),
          canPing: () => this.hasRun && this.switching === 0,
        },
      );
      this.connection = connection;
    }
    return this.connection;
  }

  /** Closes the worker (if any); pending promises are rejected with `reason`. */
  private stop(reason: string): void {
    const connection = this.connection;
    this.forget();
    connection?.close(reason);
  }

  private crash(connection: Connection, message: string): void {
    if (connection !== this.connection) return;
    this.forget();
    this.crashed = true;
    for (const listener of [...this.crashListeners]) listener(message);
  }

  /** The worker is gone: a new one numbers its runs from 1 again. */
  private forget(): void {
    this.cancelScheduledPull();
    this.connection = null;
    this.hasRun = false;
    this.runFloor = 0;
  }

  private deliver(frame: Frame): void {
    if (this.switching === 0 && frame.runId >= this.runFloor) {
      const settled = frame.status !== 'running' && (frame.accuracyTime ?? frame.time) === frame.time;
      if (!settled) this.fresh = true;
      for (const listener of [...this.frameListeners]) {
        try {
          listener(frame);
        } catch (e) {
          // A listener's bug must not stop the frames; report it as uncaught.
          queueMicrotask(() => {
            throw e;
          });
        }
      }
    }
    this.schedulePull();
  }

  private schedulePull(): void {
    const connection = this.connection;
    if (connection === null || !this.hasRun || this.switching > 0 || this.frameListeners.size === 0) return;
    if (connection.pulling) return;
    if (this.cancelPull !== null) {
      // A command came while waiting the idle interval: pull at the next frame instead.
      if (!(this.pullIsIdle && this.fresh)) return;
      this.cancelScheduledPull();
    }
    const pull = () => {
      this.cancelPull = null;
      if (this.connection !== connection || this.switching > 0 || !this.hasRun) return;
      this.fresh = false;
      connection.pull();
    };
    const { requestFrame, setTimer, idlePullMs } = this.settings;
    this.pullIsIdle = !this.fresh;
    if (this.fresh) {
      this.cancelPull = requestFrame(pull);
    } else {
      let cancel = setTimer(() => {
        cancel = requestFrame(pull);
      }, idlePullMs);
      this.cancelPull = () => cancel();
    }
  }

  private cancelScheduledPull(): void {
    this.cancelPull?.();
    this.cancelPull = null;
  }
}
