import { describe, expect, it } from 'vitest';
import type { RollbackView } from '../../protocol/messages.ts';
import { rollbackBadge, rollbackSentence } from './rollbackWords.ts';

const base: RollbackView = {
  checkpoint: 5,
  phase: 'restored',
  restartedAt: 6100,
  effect: 'rewound',
  stateSize: null,
  offsets: [500],
  replaying: 37,
};

const text = (r: RollbackView) => rollbackBadge(r).text;

describe('the rollback badge', () => {
  it('a source: the checkpoint, the offsets it went back to, what it still has to replay', () => {
    expect(rollbackBadge(base)).toEqual({ mark: '↺', text: 'restored cp 5 · offset 500 · 37 to replay' });
    expect(text({ ...base, replaying: 0, offsets: [250, 1250] })).toBe('restored cp 5 · offsets 250, 1,250');
    expect(text({ ...base, phase: 'restarting' })).toBe('back to cp 5 at 6,100 ms');
  });

  it('operators and sinks: restored (↺), or only restarted (↻: state kept, rows outside the job)', () => {
    const of = (effect: RollbackView['effect'], stateSize: number | null = null) =>
      rollbackBadge({ ...base, effect, stateSize, offsets: null });
    expect(of('restored', 20)).toEqual({ mark: '↺', text: 'restored cp 5 · 20 entries' });
    expect(of('transactions', 2)).toEqual({ mark: '↺', text: 'restored cp 5 · open txns aborted' });
    expect(of('kept')).toEqual({ mark: '↻', text: 'from cp 5 · state kept' });
    expect(of('outside')).toEqual({ mark: '↻', text: 'from cp 5 · rows stay' });
    expect(text({ ...base, checkpoint: null, effect: 'restored', stateSize: 0 })).toBe(
      'reset to the beginning · 0 entries',
    );
  });

  it('says it in a sentence for the tooltip', () => {
    expect(rollbackSentence({ ...base, effect: 'kept' })).toContain('keeps its state');
    expect(rollbackSentence({ ...base, phase: 'restarting' })).toContain('restarts at 6,100 ms from cp 5');
  });
});
