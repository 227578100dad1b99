import type { ReactNode } from 'react';
import type { PanelName } from '../../protocol/panels.ts';
import { togglePanelOpen } from '../../store/panels.ts';

/**
 * The frame of a see-inside panel in the dock: a titled region (its title is its accessible name)
 * with a close button, and a body that scrolls. `tools` sit in the header (pickers, view toggles).
 */
export function Panel({
  name,
  title,
  tools,
  children,
}: {
  name: PanelName;
  title: string;
  tools?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="panel" role="region" aria-label={title} data-panel={name}>
      <header className="panel-header">
        <h2>{title}</h2>
        <div className="panel-tools">{tools}</div>
        <button
          type="button"
          className="panel-close"
          aria-label={`Close ${title}`}
          onClick={() => togglePanelOpen(name)}
        >
          ✕
        </button>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** What a panel shows before the engine sent its first view. */
export function Waiting() {
  return <p className="muted">Waiting for the engine…</p>;
}
