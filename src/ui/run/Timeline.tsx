import { useShallow } from 'zustand/react/shallow';
import type { Moment } from '../../protocol/messages.ts';
import { useDocument } from '../../store/document.ts';
import { useRun } from '../../store/run.ts';
import { formatCount } from '../app/format.ts';

/** A shape and a word per kind of moment: colour is never the only signal. */
const MARKS: Record<Moment['kind'], { mark: string; word: string }> = {
  failure: { mark: '✕', word: 'failure' },
  'scripted-failure': { mark: '✕', word: 'scripted failure' },
  failover: { mark: '↺', word: 'failover' },
  restart: { mark: '↻', word: 'restart' },
  'job-failed': { mark: '■', word: 'job failed' },
  checkpoint: { mark: '▮', word: 'checkpoint' },
  'checkpoint-failed': { mark: '!', word: 'checkpoint failed' },
};

/**
 * Under the DAG: the run's virtual time from 0 to the end of its input, the failures scripted by
 * the scenario (hollow until they fire), the failures injected, failovers and checkpoints, and
 * where the run is now. The list beside it says the same in words.
 */
export function Timeline() {
  const runFor = useDocument((s) => s.doc.runFor ?? 10_000);
  const time = useRun((s) => s.frame?.time ?? 0);
  const moments = useRun(useShallow((s) => s.frame?.moments ?? []));
  const span = Math.max(runFor, time, 1);
  const at = (t: number) => `${Math.min(100, (100 * t) / span)}%`;
  const recent = moments.filter((m) => m.kind !== 'checkpoint').slice(-4);
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="timeline-track">
        <div className="timeline-now" style={{ left: at(time) }} aria-hidden="true" />
        {moments.map((m, i) => (
          <span
            key={i}
            className={`moment moment-${m.kind}${m.pending ? ' pending' : ''}`}
            style={{ left: at(m.time) }}
            title={`${formatCount(m.time)} ms: ${m.text}`}
            aria-hidden="true"
          >
            {MARKS[m.kind].mark}
          </span>
        ))}
        <span className="timeline-end" aria-hidden="true">
          {formatCount(span)} ms
        </span>
      </div>
      <ol className="moments">
        {recent.length === 0 && (
          <li className="muted">
            No failure yet. Break something with ⚡ on a component, or select an edge.
          </li>
        )}
        {recent.map((m, i) => (
          <li key={i} className={m.pending ? 'pending' : undefined}>
            <span aria-hidden="true">{MARKS[m.kind].mark}</span> {formatCount(m.time)} ms ·{' '}
            {MARKS[m.kind].word}
            {m.pending ? ' (scripted, to come)' : ''}: {m.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
