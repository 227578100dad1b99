import type {
  CheckpointLine,
  CheckpointOutcome,
  CheckpointingView,
  InstanceSpan,
  RecoveryLine,
} from '../../../protocol/panels/checkpoints.ts';
import { formatCount } from '../../app/format.ts';

/** The checkpoints panel in words: every mark on its timelines has its sentence here. */

/** A shape and a word per outcome: colour is never the only signal. */
export const OUTCOME: Record<CheckpointOutcome, { mark: string; word: string }> = {
  'in-progress': { mark: '…', word: 'in progress' },
  completed: { mark: '✓', word: 'completed' },
  failed: { mark: '✕', word: 'failed' },
  subsumed: { mark: '–', word: 'subsumed' },
  aborted: { mark: '↺', word: 'aborted by a failover' },
};

export function entries(n: number): string {
  return `${formatCount(n)} entr${n === 1 ? 'y' : 'ies'}`;
}

export function ms(t: number): string {
  return `${formatCount(t)} ms`;
}

/** When a checkpoint ended (null: it has not, or an abort too old for the recorder). */
export function endOf(c: CheckpointLine): number | null {
  return c.completedAt ?? c.abortedAt;
}

/** A checkpoint's row on the chart, short: "3 ms · 23 entries", "3 of 6 acknowledged", "failed: declined by …". */
export function checkpointWords(c: CheckpointLine): string {
  const end = endOf(c);
  switch (c.outcome) {
    case 'completed':
      return `${ms(end! - c.triggeredAt)} · ${entries(c.stateSize)}${
        c.alignmentMs > 0 ? ` · aligned ${ms(c.alignmentMs)}` : ''
      }`;
    case 'in-progress':
      return `${c.acknowledged} of ${c.tasks} acknowledged`;
    default:
      return `${OUTCOME[c.outcome].word}: ${c.failure ?? ''}`;
  }
}

/** "counter#0 crashed → restored checkpoint 5; back at 6,100 ms; 60 records read again; 1 transaction aborted". */
export function recoveryWords(r: RecoveryLine): string {
  if (r.restartedAt === null) return `${r.reason} → the restart strategy gave up: the job failed`;
  const from =
    r.restoredCheckpoint === null
      ? 'nothing had completed, back to the beginning'
      : `restored checkpoint ${r.restoredCheckpoint}`;
  const parts = [`${r.reason} → ${from}`, `back at ${ms(r.restartedAt)}`];
  parts.push(`${formatCount(r.replayed)} records read again`);
  if (r.abortedTxns > 0) parts.push(`${r.abortedTxns} transaction${r.abortedTxns === 1 ? '' : 's'} aborted`);
  return parts.join(' · ');
}

/** What the recovery's vertical line says on the timeline. */
export function restoredLabel(r: RecoveryLine, now: number): string {
  if (r.restartedAt === null) return '■ job failed';
  const what = r.restoredCheckpoint === null ? 'the beginning' : `checkpoint ${r.restoredCheckpoint}`;
  return r.restartedAt > now ? `↺ restoring ${what}` : `↺ restored ${what}`;
}

/** One instance's part in a checkpoint, short: "aligned 312 ms · 5 entries", "aligning: 1 of 2 barriers". */
export function spanWords(s: InstanceSpan, mode: CheckpointingView['mode']): string {
  const saved = s.declined ? 'declined: storage down' : entries(s.size ?? 0);
  if (s.role === 'source') {
    if (s.snapshotAt === null) return 'no snapshot';
    const offsets =
      s.offsets === null || s.offsets.length === 0
        ? ''
        : ` · offset${s.offsets.length === 1 ? '' : 's'} ${s.offsets.map((o) => formatCount(o.offset)).join(', ')}`;
    return `at the trigger · ${saved}${offsets}`;
  }
  const aligned = mode === 'exactly-once';
  if (s.snapshotAt === null) {
    const of = `${s.barriers} of ${s.inputs} barrier${s.inputs === 1 ? '' : 's'}`;
    if (s.firstBarrierAt === null) return `waiting: ${of}`;
    return aligned ? `aligning: ${of}` : `${of}, nothing blocked`;
  }
  if (s.inputs <= 1 || s.firstBarrierAt === null) return saved;
  const span = ms(s.snapshotAt - s.firstBarrierAt);
  return `${aligned ? `aligned ${span}` : `barriers ${span} apart`} · ${saved}`;
}
