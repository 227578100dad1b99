import { z } from 'zod';
import { parseScenario, runScenario, type RunResult, type Scenario } from '../engine/index.ts';
import { EngineCommand, PROTOCOL_VERSION, type EngineEvent, type RunSummary } from '../protocol/messages.ts';

/** The part of a MessagePort / worker scope the host uses, so it can also run in-process in tests. */
export interface PortLike {
  postMessage(message: EngineEvent): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * Serves engine commands arriving on `port`: validates each one, runs it, and answers with exactly
 * one event (a result or an error). Nothing thrown by a command escapes: errors are data.
 */
export function createEngineHost(port: PortLike): void {
  port.addEventListener('message', (event) => port.postMessage(handleCommand(event.data)));
  port.postMessage({ type: 'ready', protocolVersion: PROTOCOL_VERSION });
}

/** Answers one command (pure apart from running the engine). */
export function handleCommand(data: unknown): EngineEvent {
  const parsed = EngineCommand.safeParse(data);
  if (!parsed.success) {
    return {
      type: 'error',
      requestId: requestIdOf(data),
      message: `invalid engine command: ${z.prettifyError(parsed.error)}`,
    };
  }
  const command = parsed.data;
  try {
    switch (command.type) {
      case 'run-scenario': {
        const scenario = parseScenario(command.scenario);
        const result = runScenario(scenario, { until: command.until });
        return { type: 'result', requestId: command.requestId, result: summarize(scenario, result) };
      }
      default:
        return assertNever(command.type);
    }
  } catch (e) {
    return {
      type: 'error',
      requestId: command.requestId,
      message: e instanceof Error ? e.message : String(e),
    };
  }
}

/** The plain data the UI shows; the full RunResult (sink rows, losses…) stays in the worker. */
export function summarize(scenario: Scenario, result: RunResult): RunSummary {
  const names = new Map(scenario.job.components.map((c) => [c.id, c.name ?? c.id]));
  const { expected, actual, correct, missing, duplicated, wrong, score } = result.accuracy;
  return {
    title: result.scenario,
    semantics: result.semantics,
    seed: result.seed,
    virtualTimeMs: result.virtualTimeMs,
    done: result.done,
    traceHash: result.traceHash,
    components: result.snapshot.components.map((c) => ({
      id: c.id,
      name: names.get(c.id) ?? c.id,
      kind: c.kind,
      role: c.role,
      parallelism: c.parallelism,
      received: c.received,
      processed: c.processed,
      delivered: c.delivered,
      failed: c.failed,
      lost: c.lost,
      queued: c.queued,
    })),
    accuracy: { expected, actual, correct, missing, duplicated, wrong, score },
  };
}

function requestIdOf(data: unknown): number | null {
  const id = (data as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

function assertNever(value: never): never {
  throw new Error(`unhandled engine command: ${String(value)}`);
}
