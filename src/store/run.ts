import { create } from 'zustand';
import type { Frame, IssueData, LoadedInfo } from '../protocol/messages.ts';

/**
 * What the run view shows: the latest frame from the engine worker (at most one update per
 * animation frame), what the worker loaded, and the engine's validation problems with the current
 * document. Filled from outside React by the run controller.
 */
interface RunState {
  readonly frame: Frame | null;
  readonly loaded: LoadedInfo | null;
  /** The engine's problems with the document (empty: it runs). */
  readonly issues: readonly IssueData[];
  /** A failed command's message (a failure that could not be injected), shown until dismissed. */
  readonly notice: string | null;
  /** The document changed and the engine has not been given it yet: what is shown is of the old job. */
  readonly reloadPending: boolean;
}

export const useRun = create<RunState>()(() => ({
  frame: null,
  loaded: null,
  issues: [],
  notice: null,
  reloadPending: false,
}));

export function applyFrame(frame: Frame): void {
  useRun.setState({ frame });
}
