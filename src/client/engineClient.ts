import { EngineEvent, type EngineCommand, type RunSummary } from '../protocol/messages.ts';

/** The UI's handle on one engine worker. */
export interface EngineClient {
  /** Runs a scenario (JSON data) in the worker; rejects with the engine's error message. */
  runScenario(scenario: unknown, until?: number): Promise<RunSummary>;
  /** Stops the worker; pending requests are rejected. */
  dispose(): void;
}

interface Pending {
  resolve(result: RunSummary): void;
  reject(error: Error): void;
}

/** Spawns an engine worker. Every event from it is validated before it is trusted. */
export function createEngineClient(): EngineClient {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, Pending>();
  let nextRequestId = 1;

  const rejectAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  worker.addEventListener('message', (message: MessageEvent<unknown>) => {
    const parsed = EngineEvent.safeParse(message.data);
    if (!parsed.success) {
      rejectAll(new Error(`the engine worker sent an unexpected message (protocol mismatch?)`));
      return;
    }
    const event = parsed.data;
    switch (event.type) {
      case 'ready':
        return;
      case 'result':
        pending.get(event.requestId)?.resolve(event.result);
        pending.delete(event.requestId);
        return;
      case 'error':
        if (event.requestId === null) {
          rejectAll(new Error(event.message));
        } else {
          pending.get(event.requestId)?.reject(new Error(event.message));
          pending.delete(event.requestId);
        }
        return;
    }
  });
  worker.addEventListener('error', (e: ErrorEvent) => {
    rejectAll(new Error(`the engine worker crashed: ${e.message || 'unknown error'}`));
  });

  return {
    runScenario(scenario, until) {
      const requestId = nextRequestId++;
      const command: EngineCommand = { type: 'run-scenario', requestId, scenario, until };
      return new Promise((resolve, reject) => {
        pending.set(requestId, { resolve, reject });
        worker.postMessage(command);
      });
    },
    dispose() {
      worker.terminate();
      rejectAll(new Error('the engine worker was stopped'));
    },
  };
}
