import { useState } from 'react';
import type { SourceStrategy } from '../../../protocol/panels/eventTime.ts';
import { useDocument } from '../../../store/document.ts';
import { updateComponent } from '../../../store/edits.ts';

/**
 * The watermark strategy of each source upstream, and for a bounded-out-of-orderness one its bound
 * as a field: a new bound is an edit of the document (undoable), which starts the run over.
 */
export function BoundFields({ sources }: { sources: readonly SourceStrategy[] }) {
  if (sources.length === 0) return null;
  return (
    <div className="et-sources">
      {sources.map((s) =>
        s.strategy === 'bounded-out-of-orderness' ? (
          <BoundField key={s.id} source={s} />
        ) : (
          <p key={s.id} className="muted">
            {s.name}:{' '}
            {s.strategy === 'punctuated'
              ? 'punctuated watermarks (the entries of its timeline), no bound to set.'
              : 'no watermarks.'}
          </p>
        ),
      )}
    </div>
  );
}

function BoundField({ source }: { source: SourceStrategy }) {
  // What the person is typing; null: showing the bound the run uses.
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    const bound = Number(draft);
    if (draft.trim() === '' || !Number.isFinite(bound) || bound < 0 || bound === source.bound) return;
    useDocument.getState().update((doc) => {
      const current = doc.job.components.find((c) => c.id === source.id)?.watermarks;
      const watermarks = typeof current === 'object' && current !== null ? current : {};
      return updateComponent(doc, source.id, {
        watermarks: { ...watermarks, strategy: 'bounded-out-of-orderness', bound },
      });
    });
  };
  return (
    <label className="et-bound">
      Bound of out-of-orderness at {source.name} (ms)
      <input
        type="number"
        min={0}
        step={100}
        value={draft ?? String(source.bound ?? '')}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      <span className="muted">a new bound starts the run over</span>
    </label>
  );
}
