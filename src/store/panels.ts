import { create } from 'zustand';
import type { PanelName, PanelRequest } from '../protocol/panels.ts';
import { requestFit } from './view.ts';

/**
 * Which see-inside panels are open, in the order they were opened, and what each is pointed at (a
 * root, a component, a sink, an event). The engine worker builds the views of the open panels
 * only: `watchRequest` is what it is sent.
 */
interface PanelsState {
  readonly open: readonly PanelName[];
  /** What each panel is pointed at, kept while it is closed. */
  readonly pointed: PanelRequest;
}

export const usePanels = create<PanelsState>()(() => ({ open: [], pointed: {} }));

export function togglePanelOpen(name: PanelName): void {
  usePanels.setState((s) => ({
    open: s.open.includes(name) ? s.open.filter((n) => n !== name) : [...s.open, name],
  }));
  // The dock takes room from the canvas, or gives it back: fit the job again.
  requestFit();
}

export function openPanel(name: PanelName): void {
  if (!usePanels.getState().open.includes(name)) togglePanelOpen(name);
}

/** Points a panel at something (merged into what it was pointed at). */
export function pointPanel<K extends PanelName>(name: K, request: NonNullable<PanelRequest[K]>): void {
  usePanels.setState((s) => ({ pointed: { ...s.pointed, [name]: { ...s.pointed[name], ...request } } }));
}

/** What the worker is asked to build: each open panel with what it is pointed at. */
export function watchRequest(state: Pick<PanelsState, 'open' | 'pointed'>): PanelRequest {
  return Object.fromEntries(state.open.map((name) => [name, state.pointed[name] ?? {}]));
}
