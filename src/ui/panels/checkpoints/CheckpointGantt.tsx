import type { CheckpointLine, RecoveryLine } from '../../../protocol/panels/checkpoints.ts';
import { barStyle, timeScale } from './scale.ts';
import { OUTCOME, checkpointWords, endOf, ms, restoredLabel } from './words.ts';

/** Rows on the chart: the newest checkpoints (the table lists every one the view has). */
export const CHART_ROWS = 10;

/**
 * The coordinator's timeline, one row per checkpoint: x is virtual time, a bar from the trigger to
 * the completion or abort (open-ended while in progress), its outcome as a mark and in words; the
 * failovers as vertical bands from the failure to the restart, labelled with the checkpoint they
 * restored. Each row's button lays that checkpoint out instance by instance.
 */
export function CheckpointGantt({
  checkpoints,
  recoveries,
  now,
  selected,
  onSelect,
}: {
  checkpoints: readonly CheckpointLine[];
  recoveries: readonly RecoveryLine[];
  now: number;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const rows = checkpoints.slice(-CHART_ROWS);
  const from = rows[0]?.triggeredAt ?? 0;
  const to = Math.max(now, ...rows.map((c) => endOf(c) ?? now));
  const x = timeScale(from, to);
  const shown = recoveries.filter((r) => (r.restartedAt ?? r.at) >= from && r.at <= to);
  const bands = shown.map((r) => ({ r, ...barStyle(x, r.at, r.restartedAt ?? to, 0.4) }));
  return (
    <div className="cp-gantt">
      {bands.length > 0 && (
        <>
          <div aria-hidden="true" />
          <div className="cp-recovery-row" aria-hidden="true">
            {bands.map(({ r, left }) => (
              <span
                key={r.at}
                className={`cp-recovery-label${x(r.at) > 55 ? ' end' : ''}`}
                style={{ left: x(r.at) > 55 ? `calc(${left} + 2px)` : left }}
              >
                {restoredLabel(r, now)}
              </span>
            ))}
          </div>
          <div aria-hidden="true" />
        </>
      )}
      <div aria-hidden="true" />
      <div className="cp-axis" aria-hidden="true">
        <span className="cp-axis-from">{ms(from)}</span>
        <span className="cp-axis-to">{ms(to)}</span>
      </div>
      <div aria-hidden="true" />
      {rows.map((c) => (
        <Row
          key={c.id}
          c={c}
          x={x}
          end={endOf(c) ?? to}
          bands={bands}
          selected={c.id === selected}
          onSelect={onSelect}
        />
      ))}
    </div>
  );
}

function Row({
  c,
  x,
  end,
  bands,
  selected,
  onSelect,
}: {
  c: CheckpointLine;
  x: (t: number) => number;
  end: number;
  bands: readonly { left: string; width: string }[];
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  const { mark } = OUTCOME[c.outcome];
  const bar = barStyle(x, c.triggeredAt, end);
  return (
    <>
      <button
        type="button"
        className="cp-select"
        aria-pressed={selected}
        aria-label={`Checkpoint ${c.id}`}
        onClick={() => onSelect(c.id)}
      >
        cp {c.id}
      </button>
      <div className="cp-track" aria-hidden="true">
        {bands.map((b, i) => (
          <span key={i} className="cp-band" style={b} />
        ))}
        <span className={`cp-bar outcome-${c.outcome}`} style={bar} />
        <span className="cp-mark" style={{ left: `calc(${bar.left} + ${bar.width})` }}>
          {mark}
        </span>
      </div>
      <span className={`cp-words outcome-${c.outcome}`}>
        <span aria-hidden="true">{mark}</span> {checkpointWords(c)}
      </span>
    </>
  );
}
