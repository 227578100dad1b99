import { EngineEvent, type EngineCommand, type Frame } from '../protocol/messages.ts';
import { EngineError } from './EngineError.ts';

/** What the client needs of a Worker (a real one, or an in-process stand-in for tests). */
export interface WorkerLike {
  postMessage(message: EngineCommand): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: unknown) => void): void;
  terminate(): void;
}

/** The answers that settle a request. */
export type Answer = Extract<EngineEvent, { type: 'loaded' | 'ok' | 'result' }>;

export interface ConnectionTiming {
  readonly now: () => number;
  readonly setTimer: (callback: () => void, ms: number) => () => void;
  /** No answer for this long (to a pull or a command) means the worker is dead. */
  readonly timeoutMs: number;
}

export interface ConnectionHooks {
  frame(frame: Frame): void;
  /** The worker is gone (or unusable); the connection is closed already. */
  dead(message: string): void;
  /** Whether a pull may be sent as a sign of life (something is loaded). */
  canPing(): boolean;
}

interface Pending {
  resolve(answer: Answer): void;
  reject(error: EngineError): void;
  readonly sentAt: number;
  readonly timeoutMs: number;
}

/**
 * One worker's lifetime: request ids, pending requests, the outstanding pull, and the watchdog.
 * Every event is validated before it is trusted. The worker counts as dead when a request (or a
 * pull) has had no answer, and nothing else came from the worker, for longer than its timeout;
 * while a long command (a step to the next failure) is pending and no frames are being pulled, a
 * pull is sent as a sign of life, so a busy but healthy worker is not mistaken for a dead one.
 */
export class Connection {
  private readonly pending = new Map<number, Pending>();
  private nextRequestId = 1;
  private pullSentAt: number | null = null;
  private lastHeard: number;
  private cancelWatchdog: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly worker: WorkerLike,
    private readonly timing: ConnectionTiming,
    private readonly hooks: ConnectionHooks,
  ) {
    this.lastHeard = timing.now();
    worker.addEventListener('message', (event) => this.receive((event as { data: unknown }).data));
    worker.addEventListener('error', (event) => {
      const message = (event as { message?: unknown } | null)?.message;
      this.die(`The engine crashed: ${typeof message === 'string' && message ? message : 'unknown error'}.`);
    });
    worker.addEventListener('messageerror', () =>
      this.die('The engine sent a message that could not be read.'),
    );
  }

  /** A pull is on its way or being answered. */
  get pulling(): boolean {
    return this.pullSentAt !== null;
  }

  request(
    command: DistributiveOmit<Exclude<EngineCommand, { type: 'pull' }>, 'requestId'>,
    timeoutMs: number,
  ): Promise<Answer> {
    if (this.closed) return Promise.reject(new EngineError('The engine is not running.'));
    const requestId = this.nextRequestId++;
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, sentAt: this.timing.now(), timeoutMs });
      this.post({ ...command, requestId } as EngineCommand);
    });
  }

  pull(): void {
    if (this.closed || this.pullSentAt !== null) return;
    this.pullSentAt = this.timing.now();
    this.post({ type: 'pull' });
  }

  /** Terminates the worker; pending requests are rejected with `reason`. */
  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelWatchdog?.();
    this.cancelWatchdog = null;
    this.worker.terminate();
    const error = new EngineError(reason);
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.pullSentAt = null;
  }

  /** Terminates the worker and tells no one (a test's stand-in for a worker that died). */
  kill(): void {
    this.worker.terminate();
  }

  private post(command: EngineCommand): void {
    try {
      this.worker.postMessage(command);
    } catch (e) {
      // A command that cannot be cloned is a bug in the caller; the worker never saw it.
      queueMicrotask(() =>
        this.die(`The engine could not be sent a message: ${e instanceof Error ? e.message : String(e)}`),
      );
      return;
    }
    this.armWatchdog();
  }

  private die(message: string): void {
    if (this.closed) return;
    this.close(message);
    this.hooks.dead(message);
  }

  private receive(data: unknown): void {
    if (this.closed) return;
    this.lastHeard = this.timing.now();
    const parsed = EngineEvent.safeParse(data);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? ` (${first.path.join('.') || 'message'}: ${first.message})` : '';
      this.die(
        `The engine sent a message this page does not understand${where}; is the page older than the worker?`,
      );
      return;
    }
    const event = parsed.data;
    switch (event.type) {
      case 'ready':
        return;
      case 'frame':
        this.pullSentAt = null;
        this.hooks.frame(event.frame);
        return;
      case 'error':
        if (event.requestId === null) {
          // Not the answer to a command: the engine failed while running, or refused a pull.
          this.die(capitalize(event.message));
        } else {
          this.settle(event.requestId)?.reject(new EngineError(event.message, event.issues ?? []));
        }
        return;
      default:
        this.settle(event.requestId)?.resolve(event);
    }
  }

  private settle(requestId: number): Pending | undefined {
    const p = this.pending.get(requestId);
    this.pending.delete(requestId);
    return p;
  }

  private armWatchdog(): void {
    if (this.cancelWatchdog !== null || this.closed) return;
    const every = Math.max(10, this.timing.timeoutMs / 4);
    this.cancelWatchdog = this.timing.setTimer(() => {
      this.cancelWatchdog = null;
      this.watch();
    }, every);
  }

  private watch(): void {
    if (this.closed) return;
    let oldest = Infinity;
    let limit = this.timing.timeoutMs;
    for (const p of this.pending.values()) {
      oldest = Math.min(oldest, p.sentAt);
      limit = Math.max(limit, p.timeoutMs);
    }
    if (this.pullSentAt !== null) oldest = Math.min(oldest, this.pullSentAt);
    if (oldest === Infinity) return; // Nothing outstanding: the watchdog sleeps until the next request.
    const quiet = this.timing.now() - Math.max(oldest, this.lastHeard);
    if (quiet >= limit) {
      this.die(`The engine stopped responding (no answer in ${Math.round(limit / 100) / 10} s).`);
      return;
    }
    if (
      this.pending.size > 0 &&
      this.pullSentAt === null &&
      quiet > this.timing.timeoutMs / 2 &&
      this.hooks.canPing()
    ) {
      this.pull();
    }
    this.armWatchdog();
  }
}

function capitalize(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Omit over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
