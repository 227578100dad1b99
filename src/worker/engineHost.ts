import { z } from 'zod';
import {
  ValidationError,
  parseFailureAction,
  parseScenario,
  runScenario,
  type Engine,
  type Issue,
  type Scenario,
} from '../engine/index.ts';
import {
  EngineCommand,
  PROTOCOL_VERSION,
  type EngineEvent,
  type IssueData,
  type LoadedInfo,
} from '../protocol/messages.ts';
import type { PanelRequest } from '../protocol/panels.ts';
import { Run, type StepGoal } from './Run.ts';
import { yieldingSchedule, type Schedule } from './slices.ts';
import { summarize } from './summary.ts';

export { summarize } from './summary.ts';

/** The part of a MessagePort / worker scope the host uses, so it can also run in-process in tests. */
export interface PortLike {
  postMessage(message: EngineEvent): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface EngineHostOptions {
  /** Real time in ms (default: performance.now). */
  readonly now?: () => number;
  /** Runs the next slice after the messages already waiting (default: a MessageChannel). */
  readonly schedule?: Schedule;
  /** Real ms of engine work per slice before yielding (default 8). */
  readonly sliceMs?: number;
  /** Real ms between two accuracy computations while running (default 250). */
  readonly accuracyEveryMs?: number;
}

export interface EngineHost {
  /** Stops scheduling slices (in-process hosts; a worker just terminates). */
  dispose(): void;
}

export const SLICE_MS = 8;
export const ACCURACY_EVERY_MS = 250;

/**
 * Serves the protocol's commands arriving on `port`. Every command gets exactly one answer
 * (`loaded`, `ok`, `result` or `error`), a `pull` exactly one `frame`. Between messages the host
 * runs the engine in slices of about `sliceMs` and then yields, so commands and pulls are handled
 * while a run plays. Nothing thrown escapes: errors are data.
 */
export function createEngineHost(port: PortLike, options: EngineHostOptions = {}): EngineHost {
  const own = options.schedule === undefined ? yieldingSchedule() : null;
  const host = new Host(port, {
    now: options.now ?? (() => performance.now()),
    schedule: options.schedule ?? own!.schedule,
    sliceMs: options.sliceMs ?? SLICE_MS,
    accuracyEveryMs: options.accuracyEveryMs ?? ACCURACY_EVERY_MS,
  });
  port.addEventListener('message', (event) => host.receive(event.data));
  port.postMessage({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
  return {
    dispose() {
      host.dispose();
      own?.close();
    },
  };
}

/** A command the host refuses (not the engine): no run loaded, a run that failed. */
class HostError extends Error {}

type Settings = Required<EngineHostOptions>;

class Host {
  private run: Run | null = null;
  private nextRunId = 1;
  /** A step to the next checkpoint or failure in progress, answered when it is over. */
  private stepping: { goal: StepGoal; requestId: number } | null = null;
  private sliceQueued = false;
  private disposed = false;
  /** The panels the UI watches: kept across loads and resets. */
  private watch: PanelRequest = {};

  constructor(
    private readonly port: PortLike,
    private readonly settings: Settings,
  ) {}

  receive(data: unknown): void {
    if (this.disposed) return;
    const parsed = EngineCommand.safeParse(data);
    if (!parsed.success) {
      this.post(errorEvent(requestIdOf(data), `invalid engine command: ${z.prettifyError(parsed.error)}`));
      return;
    }
    const command = parsed.data;
    if (command.type === 'pull') {
      this.pull();
      return;
    }
    try {
      const answer = this.execute(command);
      if (answer !== null) this.post(answer);
    } catch (e) {
      if (!(e instanceof ValidationError || e instanceof HostError)) this.run?.fail(messageOf(e));
      this.post(errorEvent(command.requestId, e));
    }
    this.wake();
  }

  dispose(): void {
    this.disposed = true;
  }

  /** The answer to a command, or null when it comes later (a long step). */
  private execute(command: Exclude<EngineCommand, { type: 'pull' }>): EngineEvent | null {
    const { requestId } = command;
    switch (command.type) {
      case 'run-scenario': {
        const scenario = parseScenario(command.scenario);
        const result = runScenario(scenario, { until: command.until });
        return { type: 'result', requestId, result: summarize(scenario, result) };
      }
      case 'load': {
        const run = this.start(parseScenario(command.scenario));
        return { type: 'loaded', requestId, info: loadedInfo(run.scenario), runId: run.runId };
      }
      case 'reset': {
        // Validate first: an override that does not fit the scenario leaves the current run as it is.
        const run = this.start(withOverrides(this.current().scenario, command));
        return { type: 'ok', requestId, runId: run.runId };
      }
      case 'play':
        this.endStep();
        this.usable().play(command.speed);
        return { type: 'ok', requestId };
      case 'pause':
        this.endStep();
        this.current().pause();
        return { type: 'ok', requestId };
      case 'step': {
        this.endStep();
        const run = this.usable();
        const goal = run.beginStep(command.to);
        if (goal === null || run.continueStep(goal, this.settings.now() + this.settings.sliceMs)) {
          return { type: 'ok', requestId };
        }
        this.stepping = { goal, requestId };
        return null;
      }
      case 'watch':
        this.watch = command.panels;
        this.run?.watch(command.panels);
        return { type: 'ok', requestId };
      case 'inject': {
        const run = this.usable();
        const failure = parseFailureAction(run.scenario.job, command.failure);
        checkFitsRun(run.scenario, failure);
        run.inject(failure);
        return { type: 'ok', requestId };
      }
      default:
        return assertNever(command);
    }
  }

  /** A new run of `scenario` at time 0, paused; a step of the old one in progress is over. */
  private start(scenario: Scenario): Run {
    this.endStep();
    const speed = this.run?.speed;
    const run = new Run(scenario, this.nextRunId++, this.settings);
    if (speed !== undefined) run.speed = speed;
    run.watch(this.watch);
    this.run = run;
    return run;
  }

  private current(): Run {
    if (this.run === null) throw new HostError('no scenario loaded: send load first');
    return this.run;
  }

  private usable(): Run {
    const run = this.current();
    if (run.failure !== null) {
      throw new HostError(`the engine failed earlier (${run.failure}); reset or load to run again`);
    }
    return run;
  }

  /** Cuts a long step short (another command came): it is answered as done. */
  private endStep(): void {
    const step = this.stepping;
    if (step === null) return;
    this.stepping = null;
    this.run?.pause();
    this.post({ type: 'ok', requestId: step.requestId });
  }

  private pull(): void {
    if (this.run === null) {
      this.post(errorEvent(null, 'no scenario loaded: send load before pull'));
      return;
    }
    try {
      this.post({ type: 'frame', frame: this.run.frame(this.watch) });
    } catch (e) {
      this.post(errorEvent(null, `could not build a frame: ${messageOf(e)}`));
    }
  }

  private wake(): void {
    if (this.sliceQueued || this.disposed) return;
    if (this.stepping === null && !this.run?.busy) return;
    this.sliceQueued = true;
    this.settings.schedule(() => this.slice());
  }

  /** About `sliceMs` of work: the accuracy when it is due, then the step in progress or the play. */
  private slice(): void {
    this.sliceQueued = false;
    const run = this.run;
    if (this.disposed || run === null) return;
    const { now, sliceMs } = this.settings;
    const deadline = now() + sliceMs;
    try {
      if (run.accuracyDue() && !run.catchUpAccuracy(deadline)) {
        // The run waits for its reference: both must stand at the same time when compared.
      } else if (this.stepping !== null) {
        if (run.continueStep(this.stepping.goal, deadline)) {
          const { requestId } = this.stepping;
          this.stepping = null;
          this.post({ type: 'ok', requestId });
        }
      } else if (run.status === 'running') {
        run.advance(deadline);
      }
    } catch (e) {
      const message = messageOf(e);
      run.fail(message);
      if (this.stepping !== null) {
        this.post(errorEvent(this.stepping.requestId, e));
        this.stepping = null;
      }
      this.post(errorEvent(null, `the engine failed: ${message}`));
    }
    this.wake();
  }

  private post(event: EngineEvent): void {
    this.port.postMessage(event);
  }
}

function loadedInfo(scenario: Scenario): LoadedInfo {
  return {
    title: scenario.title,
    semantics: scenario.semantics,
    ackMode: scenario.ackMode,
    seed: scenario.seed,
    runFor: scenario.runFor,
    scenario,
  };
}

/**
 * The scenario with a reset's overrides, validated again as a whole (like the CLI's options): an
 * override can make the settings clash, e.g. a scripted checkpoint failure without checkpoints.
 * What is not overridden stays as the current run has it.
 */
function withOverrides(scenario: Scenario, reset: Extract<EngineCommand, { type: 'reset' }>): Scenario {
  if (reset.seed === undefined && reset.semantics === undefined && reset.ackMode === undefined)
    return scenario;
  return parseScenario({
    ...scenario,
    seed: reset.seed ?? scenario.seed,
    semantics: reset.semantics ?? scenario.semantics,
    ackMode: reset.ackMode ?? scenario.ackMode,
  });
}

/**
 * parseFailureAction checks a failure against the job only; whether the run has what it breaks (an
 * acker, checkpoints) the engine checks for scripted failures. Ask it that way, and report the
 * issues at `failure…` as parseFailureAction does.
 */
function checkFitsRun(scenario: Scenario, failure: Parameters<Engine['inject']>[0]): void {
  try {
    parseScenario({ ...scenario, failures: [{ at: 0, ...failure }] });
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(
      e.issues.map((i) => ({ ...i, path: i.path.replace(/^failures\[0\]/, 'failure') })),
    );
  }
}

function errorEvent(requestId: number | null, error: unknown): EngineEvent {
  return {
    type: 'error',
    requestId,
    message: messageOf(error),
    ...(error instanceof ValidationError ? { issues: error.issues.map(issueData) } : {}),
  };
}

/** Only the protocol's fields, as plain data. */
function issueData(issue: Issue): IssueData {
  const { code, path, message, hint, componentId, edgeIndex } = issue;
  return {
    code,
    path,
    message,
    hint,
    ...(componentId === undefined ? {} : { componentId }),
    ...(edgeIndex === undefined ? {} : { edgeIndex }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function requestIdOf(data: unknown): number | null {
  const id = (data as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

function assertNever(value: never): never {
  throw new Error(`unhandled engine command: ${JSON.stringify(value)}`);
}
