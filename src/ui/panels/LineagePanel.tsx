import { useState } from 'react';
import type { LineageView } from '../../protocol/panels/lineage.ts';
import { usePanels } from '../../store/panels.ts';
import { useRun } from '../../store/run.ts';
import { formatCount } from '../app/format.ts';
import { Panel, Waiting } from './Panel.tsx';
import { traceEvent } from './traceEvent.ts';

/**
 * One event's way through the job, as the engine saw it: where each component processed it (the
 * book's times processed and times delivered, exact), where it was lost or replayed, its trees in
 * the acknowledger or the checkpoint its read belongs to, and what the sinks hold of it.
 */
export function LineagePanel() {
  const view = useRun((s) => s.frame?.panels.lineage);
  return (
    <Panel name="lineage" title="Event lineage" tools={<EventPicker recent={view?.recent ?? []} />}>
      {!view ? <Waiting /> : view.event === null ? <Hint /> : <Lineage view={view} />}
    </Panel>
  );
}

function EventPicker({ recent }: { recent: readonly number[] }) {
  const event = usePanels((s) => s.pointed.lineage?.event ?? null);
  const [text, setText] = useState('');
  return (
    <>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(text);
          if (text !== '' && Number.isInteger(n) && n >= 0) traceEvent(n);
        }}
      >
        <label htmlFor="lineage-event">Event id</label>
        <input
          id="lineage-event"
          type="number"
          min={0}
          step={1}
          value={text}
          placeholder={event === null ? '' : String(event)}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">Trace</button>
      </form>
      {recent.length > 0 && (
        <span className="quick-picks" role="group" aria-label="Recently written events">
          <span className="muted">recent:</span>
          {recent.slice(0, 4).map((id) => (
            <button key={id} type="button" onClick={() => traceEvent(id)}>
              {id}
            </button>
          ))}
        </span>
      )}
    </>
  );
}

function Hint() {
  return (
    <p className="muted">
      Pick an event: click a moving record (a dot) on an edge, a row of the Output panel, one of the recent
      events above, or type its id.
    </p>
  );
}

const ms = (t: number) => `${formatCount(Math.round(t))} ms`;

function Lineage({ view }: { view: LineageView }) {
  return (
    <div className="lineage">
      <p className="lineage-head">
        <strong>Event {view.event}</strong>
        {view.record ? (
          <>
            {' '}
            · key <code>{view.record.key}</code> · value {view.record.value} · event time{' '}
            {ms(view.record.eventTime)}
          </>
        ) : (
          ' · not read by its source yet, or read before the recorded window'
        )}
      </p>
      <table>
        <caption className="visually-hidden">Times processed and delivered at each component</caption>
        <thead>
          <tr>
            <th scope="col">component</th>
            <th scope="col">times processed</th>
            <th scope="col">times delivered</th>
            <th scope="col">where and when (recorded)</th>
          </tr>
        </thead>
        <tbody>
          {view.components.map((c) => (
            <tr key={c.id} className={c.processed > c.delivered ? 'lineage-trouble' : undefined}>
              <th scope="row">{c.id}</th>
              <td>{c.processed}</td>
              <td>{c.delivered}</td>
              <td className="lineage-steps">
                {c.steps.map((s, i) => (
                  <span key={i} className={s.ok ? 'step-ok' : 'step-failed'}>
                    {s.ok ? '✓' : '✕'} {s.instance} at {ms(s.time)}
                    {c.role !== 'source' && <> ({s.value})</>}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.truncated && (
        <p className="muted">Some of its steps are older than the recorded window; the counters are exact.</p>
      )}
      <Facts view={view} />
    </div>
  );
}

function Facts({ view }: { view: LineageView }) {
  return (
    <ul className="lineage-facts">
      {view.reads.map((r, i) => (
        <li key={`r${i}`}>
          {i === 0 ? 'Read' : 'Read again'} by {r.instance} at {ms(r.time)} (partition {r.partition}, offset{' '}
          {r.offset})
          {r.epoch &&
            (r.epoch.checkpoint === null
              ? ' — the next checkpoint will cover it'
              : ` — covered by checkpoint ${r.epoch.checkpoint} (${r.epoch.state})`)}
        </li>
      ))}
      {view.losses.map((l, i) => (
        <li key={`l${i}`} className="lineage-trouble">
          ✕ Lost at {l.where} at {ms(l.time)} ({l.reason.replace(/-/g, ' ')})
        </li>
      ))}
      {view.replays.map((r, i) => (
        <li key={`p${i}`}>
          ↻ Replayed by {r.where} at {ms(r.time)}:{' '}
          {r.cause === 'rewind'
            ? `the source rewound to ${r.checkpoint === null ? 'the beginning' : `checkpoint ${r.checkpoint}`}`
            : `its tree ${r.cause === 'failed' ? 'failed' : 'timed out'} (attempt ${r.attempt})`}
        </li>
      ))}
      {view.trees?.map((t) => (
        <li key={`t${t.root}`}>
          Acknowledger tree of root {t.root} (attempt {t.attempt}, {t.edges} edges):{' '}
          <strong>{t.status}</strong>
          {t.completedAt !== null && ` at ${ms(t.completedAt)}`}
        </li>
      ))}
      {view.sinks.map((s) => (
        <li key={`s${s.sink}`}>
          {s.sink} holds {s.written.length === 0 ? 'no row' : `value ${s.written.join(', ')}`} from it; the
          failure-free run {s.expected.length === 0 ? 'holds none' : `holds value ${s.expected.join(', ')}`}
          {sameValues(s.written, s.expected) ? ' ✓' : ' — differs'}
        </li>
      ))}
    </ul>
  );
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
