import { togglePanelOpen, usePanels } from '../../store/panels.ts';
import { PANELS } from './registry.ts';

/** The buttons that open and close the see-inside panels (in the edit bar). */
export function PanelButtons() {
  const open = usePanels((s) => s.open);
  return (
    <div className="panel-buttons" role="group" aria-label="Panels">
      <span className="muted">See inside:</span>
      {PANELS.map((p) => (
        <button
          key={p.name}
          type="button"
          aria-pressed={open.includes(p.name)}
          onClick={() => togglePanelOpen(p.name)}
        >
          {p.title}
        </button>
      ))}
    </div>
  );
}

/** The open panels, side by side under the job, in the order they were opened. */
export function Dock() {
  const open = usePanels((s) => s.open);
  if (open.length === 0) return null;
  return (
    <div className="dock">
      {open.map((name) => {
        const Component = PANELS.find((p) => p.name === name)!.component;
        return <Component key={name} />;
      })}
    </div>
  );
}
