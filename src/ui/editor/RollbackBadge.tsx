import type { RollbackView } from '../../protocol/messages.ts';
import { rollbackBadge, rollbackSentence } from './rollbackWords.ts';

/**
 * Over a component, the job's latest rollback while it restarts and for a few seconds after: what
 * it restored here (a source's offsets, an operator's state, a sink's transactions) or that it
 * restored nothing. One line above the card, so the card keeps its size; a shape and words, not
 * only a colour; it pulses twice unless the reader asked for reduced motion.
 */
export function RollbackBadge({ rollback }: { rollback: RollbackView }) {
  const { mark, text } = rollbackBadge(rollback);
  return (
    <p
      className={`rollback-badge effect-${rollback.effect} phase-${rollback.phase}`}
      role="note"
      title={rollbackSentence(rollback)}
    >
      <span aria-hidden="true">{mark}</span> {text}
    </p>
  );
}
