import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { redo, undo, useDocument } from '../../store/document.ts';
import { copy, paste, setPositions } from '../../store/edits.ts';
import { select, useSelection } from '../../store/selection.ts';
import { requestFit, togglePanel } from '../../store/view.ts';
import { FIT_VIEW } from '../editor/Canvas.tsx';
import { autoLayout } from '../editor/layout.ts';
import { useRunHandle, useRunState } from '../run/RunController.tsx';

/** The keyboard shortcuts, as the help overlay lists them. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Space', what: 'Play / pause' },
  { keys: 'S', what: 'Step' },
  { keys: 'R', what: 'Reset the run to time 0' },
  { keys: 'Ctrl+Z', what: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', what: 'Redo' },
  { keys: 'Ctrl+C', what: 'Copy the selected components' },
  { keys: 'Ctrl+V', what: 'Paste' },
  { keys: 'Delete', what: 'Delete the selection' },
  { keys: 'L', what: 'Lay the job out automatically' },
  { keys: 'F', what: 'Fit the job in view' },
  { keys: '[  ]', what: 'Hide or show the palette, the inspector' },
  { keys: 'Tab', what: 'Move between components (then Enter to select)' },
  { keys: '?', what: 'Show this help' },
];

export function layoutDocument(): void {
  useDocument.getState().update((d) => setPositions(d, autoLayout(d)));
  requestFit();
}

export function copySelection(): void {
  const ids = useSelection.getState().nodes;
  if (ids.size === 0) return;
  useSelection.setState({ clip: copy(useDocument.getState().doc, ids) });
}

export function pasteClip(): void {
  const clip = useSelection.getState().clip;
  if (clip === null || clip.components.length === 0) return;
  let ids: string[] = [];
  useDocument.getState().update((d) => {
    const r = paste(d, clip, { x: 40, y: 40 });
    ids = r.ids;
    return r.doc;
  });
  select(ids);
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return el !== null && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Binds the shortcuts to the window while the playground is shown. */
export function useShortcuts(toggleHelp: () => void): void {
  const { actor } = useRunHandle();
  const state = useRunState();
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === 'z' && !e.shiftKey) undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) redo();
      else if (mod && key === 'c') copySelection();
      else if (mod && key === 'v') pasteClip();
      else if (mod || e.altKey) handled = false;
      else if (e.key === ' ') actor.send({ type: state === 'running' ? 'PAUSE' : 'PLAY' });
      else if (key === 's') actor.send({ type: 'STEP', to: 'event' });
      else if (key === 'r') actor.send({ type: 'RESET' });
      else if (key === 'l') layoutDocument();
      else if (key === 'f') void flow.fitView({ ...FIT_VIEW, duration: 200 });
      else if (e.key === '[') togglePanel('palette');
      else if (e.key === ']') togglePanel('inspector');
      else if (e.key === '?') toggleHelp();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actor, state, flow, toggleHelp]);
}
