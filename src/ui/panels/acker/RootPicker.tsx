import { memo } from 'react';
import type { AckerOnView, AckRoot } from '../../../protocol/panels/acker.ts';
import { pointPanel } from '../../../store/panels.ts';
import { formatCount } from '../../app/format.ts';
import { TREE_STATUS } from './format.ts';

/** How a root is named to assistive technology ("root 77: event 45, attempt 2, acked"). */
export function rootLabel(r: AckRoot): string {
  return `root ${r.root}: event ${r.event}, attempt ${r.attempt}, ${TREE_STATUS[r.status].word}`;
}

/** One root of the list; memo'd on plain values, so a frame redraws only the rows that changed. */
const RootRow = memo(function RootRow(props: AckRoot & { current: boolean }) {
  const s = TREE_STATUS[props.status];
  return (
    <li>
      <button
        type="button"
        className={`acker-root status-${props.status}`}
        aria-current={props.current ? 'true' : undefined}
        aria-label={rootLabel(props)}
        onClick={() => pointPanel('acker', { root: props.root })}
      >
        <span className="acker-root-id">#{props.root}</span>
        <span>
          ev {props.event}
          {props.attempt > 1 && <span title={`attempt ${props.attempt}`}> ×{props.attempt}</span>}
        </span>
        <span className="acker-status">
          <span aria-hidden="true">{s.glyph}</span> {s.word}
        </span>
      </button>
    </li>
  );
});

/** The recent roots the filter lets through, newest first: pick one to see its tree. */
export function RootPicker({ view }: { view: AckerOnView }) {
  const shown = view.tree?.root ?? null;
  return (
    <nav className="acker-roots" aria-label="Roots">
      <p className="muted">
        {formatCount(view.matching)} of {formatCount(view.kept)} recent roots
        {view.matching > view.roots.length ? ` (newest ${view.roots.length})` : ''}
      </p>
      {view.roots.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul>
          {view.roots.map((r) => (
            <RootRow key={r.root} {...r} current={r.root === shown} />
          ))}
        </ul>
      )}
    </nav>
  );
}
