import type { EngineCommand } from '../protocol/messages.ts';
import type { WorkerLike } from './connection.ts';

type Listener = (event: unknown) => void;
type EventType = 'message' | 'error' | 'messageerror';

/**
 * A worker that is still being loaded (a module imported on demand) and can already be used: what
 * is posted and listened to meanwhile is handed over once it is there. A load that fails is
 * reported as the worker's 'error' event, as a worker that cannot start would report it.
 */
export function deferredWorker(load: () => Promise<WorkerLike>): WorkerLike {
  const queued: EngineCommand[] = [];
  const listeners: [EventType, Listener][] = [];
  let worker: WorkerLike | null = null;
  let terminated = false;
  load().then(
    (loaded) => {
      if (terminated) {
        loaded.terminate();
        return;
      }
      worker = loaded;
      for (const [type, listener] of listeners) loaded.addEventListener(type, listener);
      for (const message of queued.splice(0)) loaded.postMessage(message);
    },
    (error: unknown) => {
      const message = `could not start the engine on this page: ${error instanceof Error ? error.message : String(error)}`;
      for (const [type, listener] of listeners) if (type === 'error') listener({ message });
    },
  );
  return {
    postMessage(message) {
      if (worker !== null) worker.postMessage(message);
      else if (!terminated) queued.push(message);
    },
    addEventListener(type, listener) {
      if (worker !== null) worker.addEventListener(type, listener);
      else listeners.push([type, listener]);
    },
    terminate() {
      terminated = true;
      worker?.terminate();
    },
  };
}
