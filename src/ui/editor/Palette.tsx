import { useReactFlow } from '@xyflow/react';
import type { DragEvent, KeyboardEvent } from 'react';
import { useDocument } from '../../store/document.ts';
import { addComponent } from '../../store/edits.ts';
import { select } from '../../store/selection.ts';
import { COMPONENT_KINDS, roleOf } from '../schema.ts';

/** The drag payload of a palette item: the component kind. */
export const PALETTE_MIME = 'application/x-streamlab-kind';

const GROUPS = [
  { role: 'source', title: 'Sources' },
  { role: 'operator', title: 'Operators' },
  { role: 'sink', title: 'Sinks' },
] as const;

/**
 * Every component kind the engine has (read from the scenario schema), grouped by role. Drag one
 * onto the canvas, or press Enter on it to add it in the middle of the view.
 */
export function Palette() {
  const flow = useReactFlow();
  const addAtCenter = (kind: string) => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const center = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 300, y: 200 };
    const position = flow.screenToFlowPosition(center);
    let added = '';
    useDocument.getState().update((d) => {
      const r = addComponent(d, kind, position);
      added = r.id;
      return r.doc;
    });
    select([added]);
  };
  return (
    <nav className="palette" aria-label="Palette">
      {GROUPS.map((g) => (
        <section key={g.role}>
          <h2>{g.title}</h2>
          <ul>
            {COMPONENT_KINDS.filter((k) => roleOf(k) === g.role).map((kind) => (
              <li
                key={kind}
                className={`palette-item role-${g.role}`}
                draggable
                tabIndex={0}
                role="button"
                aria-label={`Add ${kind}`}
                onDragStart={(e: DragEvent) => {
                  e.dataTransfer.setData(PALETTE_MIME, kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onKeyDown={(e: KeyboardEvent) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    addAtCenter(kind);
                  }
                }}
                onDoubleClick={() => addAtCenter(kind)}
              >
                <span className={`node-glyph glyph-${g.role}`} aria-hidden="true" />
                {kind}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
