import type { RollbackView } from '../../protocol/messages.ts';
import { formatCount } from '../app/format.ts';

const restoredFrom = (r: RollbackView) =>
  r.checkpoint === null ? 'reset to the beginning' : `restored cp ${r.checkpoint}`;
const from = (r: RollbackView) => (r.checkpoint === null ? 'the beginning' : `cp ${r.checkpoint}`);

/**
 * A component's part in the job's latest rollback, in one short line for the canvas
 * ("↺ restored cp 5 · offset 500 · 37 to replay"): the shape says rolled back (↺) or only
 * restarted (↻: the state was kept, or the table is outside the job).
 */
export function rollbackBadge(r: RollbackView): { mark: '↺' | '↻'; text: string } {
  if (r.phase === 'restarting') {
    return { mark: '↺', text: `back to ${from(r)} at ${formatCount(r.restartedAt)} ms` };
  }
  switch (r.effect) {
    case 'rewound': {
      const offsets =
        r.offsets === null
          ? ''
          : ` · offset${r.offsets.length === 1 ? '' : 's'} ${r.offsets.map(formatCount).join(', ')}`;
      const replay = r.replaying > 0 ? ` · ${formatCount(r.replaying)} to replay` : '';
      return { mark: '↺', text: `${restoredFrom(r)}${offsets}${replay}` };
    }
    case 'restored':
      return {
        mark: '↺',
        text: `${restoredFrom(r)}${r.stateSize === null ? '' : ` · ${formatCount(r.stateSize)} entries`}`,
      };
    case 'transactions':
      return { mark: '↺', text: `${restoredFrom(r)} · open txns aborted` };
    case 'kept':
      return { mark: '↻', text: `from ${from(r)} · state kept` };
    case 'outside':
      return { mark: '↻', text: `from ${from(r)} · rows stay` };
  }
}

/** The same, as a sentence (the badge's tooltip). */
export function rollbackSentence(r: RollbackView): string {
  const when =
    r.phase === 'restarting'
      ? `The job failed over; it restarts at ${formatCount(r.restartedAt)} ms from ${from(r)}.`
      : `The job restarted at ${formatCount(r.restartedAt)} ms from ${from(r)}.`;
  const what: Record<RollbackView['effect'], string> = {
    rewound:
      'This source goes back to the offsets saved in the checkpoint and reads the records after them again (replays).',
    restored: 'This operator gets back the state saved in the checkpoint; what it did after it is undone.',
    kept: 'At-least-once restores only the sources: this operator keeps its state, so replayed records count twice.',
    transactions:
      'This two-phase-commit sink commits what the checkpoint pre-committed and aborts the transactions written after it: readers never see those rows.',
    outside:
      'This sink’s table is outside the job: the rows it wrote after the checkpoint stay, and replays write them again.',
  };
  return `${when} ${what[r.effect]}`;
}
