import { useActorRef, useSelector } from '@xstate/react';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import type { ActorRefFrom } from 'xstate';
import { createEngineClient, type EngineClient } from '../../client/engineClient.ts';
import { runMachine } from '../../machines/runMachine.ts';
import { runKey, type ScenarioDoc, useDocument } from '../../store/document.ts';
import type { PanelRequest } from '../../protocol/panels.ts';
import { usePanels, watchRequest } from '../../store/panels.ts';
import { applyFrame, useRun } from '../../store/run.ts';

type RunActor = ActorRefFrom<typeof runMachine>;

interface RunHandle {
  readonly actor: RunActor;
  readonly client: EngineClient;
}

const RunContext = createContext<RunHandle | null>(null);

/** How long an edit rests before the engine gets the new document (typing a number, dragging). */
const RELOAD_DELAY_MS = 250;

/**
 * Owns the engine worker of the playground: creates the client and the run machine, puts frames
 * into the store, and hands every change of the document (apart from node positions) to the engine,
 * which validates it and restarts the run from time 0.
 */
export function RunController({ children }: { readonly children: ReactNode }) {
  const client = useMemo(() => createEngineClient(), []);
  const actor = useActorRef(runMachine, { input: { client, speed: 1 } });

  useEffect(() => {
    const offFrame = client.onFrame((frame) => {
      // The worker keeps the last valid run when a document does not validate; do not show it
      // as if it were this document's.
      if (actor.getSnapshot().matches('invalid')) return;
      applyFrame(frame);
      if (frame.status === 'done') actor.send({ type: 'DONE' });
    });
    const offCrash = client.onCrash((message) => actor.send({ type: 'CRASH', message }));
    // A hook for tests: kill the worker the way a real crash would.
    (globalThis as { __streamlab?: unknown }).__streamlab = { killEngine: () => client.kill() };
    return () => {
      offFrame();
      offCrash();
      client.dispose();
    };
  }, [client, actor]);

  // Mirror what the machine knows about the run into the store, for the views.
  useEffect(() => {
    const sub = actor.subscribe((snapshot) => {
      const { loaded, issues } = snapshot.context;
      const state = useRun.getState();
      const invalid = snapshot.matches('invalid') && state.frame !== null;
      if (state.loaded !== loaded || state.issues !== issues || invalid) {
        useRun.setState({ loaded, issues, ...(invalid ? { frame: null, edges: [] } : {}) });
      }
    });
    return () => sub.unsubscribe();
  }, [actor]);

  useDocumentReload(actor);
  useWatchedPanels(client);
  const handle = useMemo(() => ({ actor, client }), [actor, client]);
  return <RunContext.Provider value={handle}>{children}</RunContext.Provider>;
}

/**
 * Loads the document into the engine whenever what it runs changed: at once when a whole job was
 * opened, after a short rest when it was edited (typing a number). Until then the run counts as
 * loading, so Play cannot start the old job.
 */
function useDocumentReload(actor: RunActor): void {
  useEffect(() => {
    let last: string | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sync = (doc: ScenarioDoc, delay: number) => {
      clearTimeout(timer);
      const key = runKey(doc);
      const pending = key !== last;
      if (useRun.getState().reloadPending !== pending) useRun.setState({ reloadPending: pending });
      if (!pending) return;
      timer = setTimeout(() => {
        last = key;
        useRun.setState({ reloadPending: false });
        actor.send({ type: 'LOAD', scenario: useDocument.getState().doc });
      }, delay);
    };
    sync(useDocument.getState().doc, 0);
    const unsubscribe = useDocument.subscribe((s, previous) => {
      if (s.doc !== previous.doc) sync(s.doc, s.opened !== previous.opened ? 0 : RELOAD_DELAY_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [actor]);
}

/** Tells the engine which panels are open, and what they are pointed at, whenever that changes. */
function useWatchedPanels(client: EngineClient): void {
  useEffect(() => {
    const send = (request: PanelRequest) => {
      // A dead engine refuses it; the client remembers it for the restart.
      client.watch(request).catch(() => undefined);
    };
    send(watchRequest(usePanels.getState()));
    return usePanels.subscribe((s, previous) => {
      if (s.open !== previous.open || s.pointed !== previous.pointed) send(watchRequest(s));
    });
  }, [client]);
}

export function useRunHandle(): RunHandle {
  const handle = useContext(RunContext);
  if (handle === null) throw new Error('useRunHandle outside RunController');
  return handle;
}

/** The run machine's state name (paused, running…), for the controls; "loading" while a reload is pending. */
export function useRunState(): string {
  const { actor } = useRunHandle();
  const state = useSelector(actor, (s) => String(s.value));
  const pending = useRun((s) => s.reloadPending);
  return pending ? 'loading' : state;
}

export function useRunError(): { error: string | null; notice: string | null } {
  const { actor } = useRunHandle();
  const error = useSelector(actor, (s) => s.context.error);
  const notice = useSelector(actor, (s) => s.context.notice);
  return { error, notice };
}
