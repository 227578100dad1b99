import type {
  CheckpointLine,
  CheckpointingView,
  InstanceSpan,
} from '../../../protocol/panels/checkpoints.ts';
import { barStyle, timeScale } from './scale.ts';
import { OUTCOME, endOf, ms, spanWords } from './words.ts';

/**
 * One checkpoint, one row per instance: x is virtual time from the trigger to the end (or now). A
 * source snapshots at the trigger (▮). An operator or sink: its first barrier (▸), the alignment
 * while its other inputs catch up (a hatched bar — under at-least-once a dotted one: counted, nothing
 * blocked), then its snapshot (▮, or ✕ when the storage declined it) when the last barrier came.
 */
export function InstanceGantt({
  checkpoint,
  spans,
  mode,
  now,
}: {
  checkpoint: CheckpointLine;
  spans: readonly InstanceSpan[];
  mode: CheckpointingView['mode'];
  now: number;
}) {
  const from = checkpoint.triggeredAt;
  // Barriers of an aborted checkpoint still travel, and tasks still handle them: the axis covers them.
  const to = Math.max(
    endOf(checkpoint) ?? now,
    ...spans.map((s) => Math.max(s.firstBarrierAt ?? from, s.snapshotAt ?? from)),
  );
  const x = timeScale(from, to);
  const { mark, word } = OUTCOME[checkpoint.outcome];
  return (
    <div className="cp-gantt">
      <div className="cp-axis-label" aria-hidden="true" />
      <div className="cp-axis" aria-hidden="true">
        <span className="cp-axis-from">▸ {ms(from)}</span>
        <span className="cp-axis-to">{ms(to)}</span>
      </div>
      <div className="cp-words muted">
        <span aria-hidden="true">{mark}</span> triggered {ms(from)},{' '}
        {checkpoint.outcome === 'in-progress' ? `now ${ms(now)}` : `${word} ${ms(endOf(checkpoint) ?? to)}`}
      </div>
      {spans.map((s) => (
        <SpanRow key={s.instance} s={s} x={x} to={to} mode={mode} />
      ))}
    </div>
  );
}

function SpanRow({
  s,
  x,
  to,
  mode,
}: {
  s: InstanceSpan;
  x: (t: number) => number;
  to: number;
  mode: CheckpointingView['mode'];
}) {
  const first = s.firstBarrierAt;
  const snap = s.snapshotAt;
  const waiting = first !== null && snap === null;
  return (
    <>
      <span className={`cp-instance role-${s.role}`}>{s.name}</span>
      <div className="cp-track" aria-hidden="true">
        {first !== null && s.inputs > 1 && (
          <span
            className={`cp-align${mode === 'exactly-once' ? '' : ' counting'}${waiting ? ' open' : ''}`}
            style={barStyle(x, first, snap ?? to, 0.6)}
          />
        )}
        {first !== null && (
          <span className="cp-mark barrier" style={{ left: `${x(first)}%` }}>
            ▸
          </span>
        )}
        {snap !== null && (
          <span
            className={`cp-mark snapshot${s.declined ? ' declined' : ''}`}
            style={{ left: `${x(snap)}%` }}
          >
            {s.declined ? '✕' : '▮'}
          </span>
        )}
      </div>
      <span className={`cp-words${s.declined ? ' outcome-failed' : ''}`}>{spanWords(s, mode)}</span>
    </>
  );
}
