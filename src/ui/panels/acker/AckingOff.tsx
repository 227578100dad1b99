import type { AckerView } from '../../../protocol/panels/acker.ts';
import { updateSettings } from '../../../store/edits.ts';
import { useDocument } from '../../../store/document.ts';

type Off = Extract<AckerView, { mode: 'off' }>;

const INSTEAD: Record<string, string> = {
  'at-most-once':
    'At-most-once tracks nothing: an event lost in a failure is simply gone, and nothing is replayed.',
  'at-least-once':
    'At-least-once here checkpoints the source offsets instead: after a failure the sources rewind to the last checkpoint and read again.',
  'exactly-once':
    'Exactly-once checkpoints the sources and every operator’s state with barriers instead, and rolls everything back after a failure.',
};

/** What the panel says when the run does not use the acknowledger: what acking is, and how to turn it on. */
export function AckingOff({ view }: { view: Off }) {
  const key =
    view.semantics === 'at-least-once' && view.ackMode === 'checkpoint' ? 'at-least-once' : view.semantics;
  return (
    <div className="acker-off">
      <p>
        <strong>This run does not use the acknowledger.</strong> {INSTEAD[key]}
      </p>
      <p>
        With acking (Storm’s scheme, one way to get at-least-once), every event a source emits is the root of
        a tree of the tuples derived from it. Each tuple gets a random 64-bit edge id; the acker keeps one
        value per root, the XOR of the ids of the edges created and not yet acked, which comes back to 0
        exactly when every tuple has been acked. The source keeps the event in its pending buffer until then,
        and emits it again if the tree fails or times out.
      </p>
      <p>
        To watch it, choose <strong>At-least-once</strong> and <strong>by acknowledger</strong> in the top
        bar.
      </p>
      <button
        type="button"
        onClick={() =>
          useDocument
            .getState()
            .update((d) => updateSettings(d, { semantics: 'at-least-once', ackMode: 'acking' }))
        }
      >
        Switch to at-least-once by acknowledger
      </button>
    </div>
  );
}
