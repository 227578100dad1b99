import { memo } from 'react';
import type { AckAckerView, AckSourceView } from '../../../protocol/panels/acker.ts';
import { pointPanel } from '../../../store/panels.ts';
import { formatCount } from '../../app/format.ts';
import { formatMs, groupedHex } from './format.ts';
import { sameData } from './sameData.ts';

/** A bar with its numbers beside it: pending / max pending. */
function Gauge({ value, max, label }: { value: number; max: number; label: string }) {
  const fill = Math.min(1, value / max);
  return (
    <span
      className="acker-gauge"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <span className={`acker-gauge-fill${fill >= 1 ? ' full' : ''}`} style={{ width: `${fill * 100}%` }} />
    </span>
  );
}

/** Each source instance's pending buffer (Storm's spout pending map): what it waits to hear about. */
export const PendingBuffers = memo(function PendingBuffers({
  sources,
  max,
}: {
  sources: AckSourceView[];
  max: number;
}) {
  return (
    <>
      {sources.map((s) => (
        <section key={s.name} className="acker-buffer" aria-label={`Pending buffer of ${s.name}`}>
          <h3>
            Pending at {s.name}: {formatCount(s.pendingCount)} / {formatCount(max)}{' '}
            <Gauge value={s.pendingCount} max={max} label={`${s.name} pending of max pending`} />
            {s.atLimit && <span className="acker-blocked">■ at max pending: reads nothing new</span>}
            {s.replayQueue > 0 && (
              <span className="acker-note">{formatCount(s.replayQueue)} waiting to be replayed</span>
            )}
          </h3>
          {s.pending.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">root</th>
                  <th scope="col">event</th>
                  <th scope="col">partition, offset</th>
                  <th scope="col">attempt</th>
                  <th scope="col">emitted</th>
                  <th scope="col">times out at</th>
                </tr>
              </thead>
              <tbody>
                {s.pending.map((e) => (
                  <tr key={e.root}>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() => pointPanel('acker', { root: e.root })}
                      >
                        {e.root}
                      </button>
                    </td>
                    <td>{e.event}</td>
                    <td>
                      {e.partition}, {e.offset}
                    </td>
                    <td>{e.attempt}</td>
                    <td>{formatMs(e.emittedAt)}</td>
                    <td>{e.expiresAt === null ? '—' : formatMs(e.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {s.pendingCount > s.pending.length && (
            <p className="muted">The oldest {s.pending.length} are listed.</p>
          )}
        </section>
      ))}
    </>
  );
}, sameData);

/** Each acker instance's ledger: one row per root it tracks, the XOR value in hex. */
export const Ledgers = memo(function Ledgers({ ackers }: { ackers: AckAckerView[] }) {
  return (
    <>
      {ackers.map((a) => (
        <section key={a.name} className="acker-buffer" aria-label={`Ledger of ${a.name}`}>
          <h3>
            Ledger of {a.name}: {formatCount(a.count)} {a.count === 1 ? 'root' : 'roots'}{' '}
            {a.up ? null : <span className="acker-blocked">✕ down: its rows are lost</span>}
          </h3>
          {a.rows.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">root</th>
                  <th scope="col">value (XOR)</th>
                  <th scope="col">source</th>
                  <th scope="col">failed</th>
                </tr>
              </thead>
              <tbody>
                {a.rows.map((r) => (
                  <tr key={r.root}>
                    <td>
                      <button
                        type="button"
                        className="link"
                        onClick={() => pointPanel('acker', { root: r.root })}
                      >
                        {r.root}
                      </button>
                    </td>
                    <td>
                      <code>{groupedHex(r.value)}</code>
                    </td>
                    <td>{r.source ?? '(init not in yet)'}</td>
                    <td>{r.failed ? '✕ yes' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {a.count > a.rows.length && <p className="muted">The first {a.rows.length} rows are listed.</p>}
        </section>
      ))}
    </>
  );
}, sameData);
