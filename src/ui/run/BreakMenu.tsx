import { useEffect, useRef, useState } from 'react';
import type { InstanceView } from '../../protocol/messages.ts';
import { useDocument } from '../../store/document.ts';
import { componentFailures } from './failures.ts';
import { useRunHandle, useRunState } from './RunController.tsx';

/**
 * The "break" button of a component on the canvas: a menu of the failures to inject into it now
 * (crash an instance, fail its events, take its store down, slow it down).
 */
export function BreakMenu({
  componentId,
  name,
  kind,
  instances,
}: {
  componentId: string;
  name: string;
  kind: string;
  instances: readonly InstanceView[];
}) {
  const [open, setOpen] = useState(false);
  const { actor } = useRunHandle();
  const state = useRunState();
  const store = useDocument((s) => {
    const c = s.doc.job.components.find((x) => x.id === componentId);
    return c?.kind === 'analyzer' ? String(c.store ?? 'fraud-store') : undefined;
  });
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const canBreak = state === 'paused' || state === 'running';
  const choices = componentFailures(
    componentId,
    kind,
    instances.map((i) => i.name),
    store,
  );
  return (
    <div className="break" ref={ref}>
      <button
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
      {open && (
        <ul className="menu nodrag" role="menu" aria-label={`Failures for ${name}`}>
          {choices.map((c) => (
            <li key={c.label} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  actor.send({ type: 'INJECT', failure: c.failure });
                  setOpen(false);
                }}
              >
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
