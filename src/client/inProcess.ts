import { createEngineHost, type EngineHostOptions } from '../worker/engineHost.ts';
import type { WorkerLike } from './connection.ts';

/**
 * An engine host on this thread, behind a MessageChannel, as if it were a worker: messages are
 * structured-cloned and arrive asynchronously, like a worker's. For unit tests in Node (pass
 * `connect: () => inProcessWorker()` to createEngineClient) and as a main-thread fallback. It is
 * the only file of src/client that imports the engine: importing it puts the engine in the bundle.
 */
export function inProcessWorker(options?: EngineHostOptions): WorkerLike {
  const channel = new MessageChannel();
  const inside = channel.port2;
  const host = createEngineHost(
    {
      postMessage: (message) => inside.postMessage(message),
      addEventListener: (type, listener) => inside.addEventListener(type, listener),
    },
    options,
  );
  inside.start();
  const outside = channel.port1;
  let terminated = false;
  return {
    postMessage: (message) => {
      if (!terminated) outside.postMessage(message);
    },
    addEventListener: (type, listener) => {
      // A MessagePort has no 'error' event: an in-process host never crashes that way.
      if (type === 'error') return;
      outside.addEventListener(type, listener);
      outside.start();
    },
    terminate: () => {
      if (terminated) return;
      terminated = true;
      host.dispose();
      outside.close();
      inside.close();
    },
  };
}
