import { NodeToolbar, Position } from '@xyflow/react';
import { type KeyboardEvent, memo, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDocument } from '../../store/document.ts';
import { useRun } from '../../store/run.ts';
import { componentFailures } from './failures.ts';
import { useRunHandle, useRunState } from './RunController.tsx';

/**
 * The "break" button of a component on the canvas: a menu of the failures to inject into it now
 * (crash an instance, fail its events, take its store down, slow it down). The menu is a React Flow
 * node toolbar: drawn at screen size, whatever the zoom, so it stays readable on a projector.
 */
export const BreakMenu = memo(function BreakMenu({
  componentId,
  name,
  kind,
}: {
  componentId: string;
  name: string;
  kind: string;
}) {
  // Only the names: the menu need not redraw with every frame's counters.
  const instances = useRun(
    useShallow(
      (s) => s.frame?.components.find((c) => c.id === componentId)?.instances.map((i) => i.name) ?? [],
    ),
  );
  const [open, setOpen] = useState(false);
  const { actor } = useRunHandle();
  const state = useRunState();
  const store = useDocument((s) => {
    const c = s.doc.job.components.find((x) => x.id === componentId);
    return c?.kind === 'analyzer' ? String(c.store ?? 'fraud-store') : undefined;
  });
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector('button')?.focus();
    const close = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!button.current?.contains(target) && !menu.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const canBreak = state === 'paused' || state === 'running';
  const choices = componentFailures(componentId, kind, instances, store);
  const closeMenu = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      closeMenu();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const items = [...(menu.current?.querySelectorAll('button') ?? [])];
      const at = items.indexOf(document.activeElement as HTMLButtonElement);
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="break-button nodrag"
        aria-label={`Break ${name}`}
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!canBreak}
        title={canBreak ? `Inject a failure into ${name}` : 'Load a valid job to inject failures'}
        onClick={() => setOpen((o) => !o)}
      >
        ⚡
      </button>
      <NodeToolbar isVisible={open} position={Position.Bottom} align="end">
        <ul ref={menu} className="menu" role="menu" aria-label={`Failures for ${name}`} onKeyDown={onMenuKey}>
          {choices.map((c) => (
            <li key={c.label} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  actor.send({ type: 'INJECT', failure: c.failure });
                  closeMenu();
                }}
              >
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      </NodeToolbar>
    </>
  );
});
