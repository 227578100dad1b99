import { create } from 'zustand';

/**
 * How the workspace is arranged: which side panels show (a teacher on a projector hides them to
 * give the job the whole width), and requests to fit the job in view. Not part of the document.
 */
interface ViewState {
  readonly palette: boolean;
  readonly inspector: boolean;
  /** Bumped to ask the canvas to fit the job in view (a job opened, a panel shown or hidden). */
  readonly fitRequests: number;
}

export const useView = create<ViewState>()(() => ({ palette: true, inspector: true, fitRequests: 0 }));

export function requestFit(): void {
  useView.setState((s) => ({ fitRequests: s.fitRequests + 1 }));
}

export function togglePanel(panel: Panel): void {
  useView.setState((s) => ({ [panel]: !s[panel] }));
  requestFit();
}

export function showPanel(panel: Panel): void {
  if (!useView.getState()[panel]) togglePanel(panel);
}

type Panel = 'palette' | 'inspector';
