import type {
  CheckpointLine,
  CheckpointingView,
  InstanceSpan,
  TxnLine,
} from '../../../protocol/panels/checkpoints.ts';
import { formatCount } from '../../app/format.ts';
import { OUTCOME, endOf, ms } from './words.ts';

/** The timelines' data as tables: every number of the charts, as text. */

const dash = '—';
const time = (t: number | null) => (t === null ? dash : ms(t));

export function CheckpointTable({
  checkpoints,
  selected,
  onSelect,
}: {
  checkpoints: readonly CheckpointLine[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  return (
    <div className="cp-scroll">
      <table className="cp-table" aria-label="Checkpoints">
        <thead>
          <tr>
            <th scope="col">checkpoint</th>
            <th scope="col">triggered</th>
            <th scope="col">ended</th>
            <th scope="col">outcome</th>
            <th scope="col">took</th>
            <th scope="col">longest alignment</th>
            <th scope="col">state saved</th>
            <th scope="col">tasks acknowledged</th>
            <th scope="col">in the store</th>
            <th scope="col">why it failed</th>
          </tr>
        </thead>
        <tbody>
          {[...checkpoints].reverse().map((c) => {
            const end = endOf(c);
            return (
              <tr key={c.id} className={c.id === selected ? 'selected' : undefined}>
                <td>
                  <button
                    type="button"
                    className="cp-select"
                    aria-pressed={c.id === selected}
                    aria-label={`Checkpoint ${c.id}`}
                    onClick={() => onSelect(c.id)}
                  >
                    cp {c.id}
                  </button>
                </td>
                <td>{ms(c.triggeredAt)}</td>
                <td>{time(end)}</td>
                <td>
                  <span aria-hidden="true">{OUTCOME[c.outcome].mark}</span> {OUTCOME[c.outcome].word}
                </td>
                <td>{end === null ? dash : ms(end - c.triggeredAt)}</td>
                <td>{ms(c.alignmentMs)}</td>
                <td>{formatCount(c.stateSize)} entries</td>
                <td>
                  {c.acknowledged} of {c.tasks}
                </td>
                <td>{c.retained ? 'yes' : 'no'}</td>
                <td className="cp-why">{c.failure ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function InstanceTable({
  spans,
  mode,
}: {
  spans: readonly InstanceSpan[];
  mode: CheckpointingView['mode'];
}) {
  return (
    <div className="cp-scroll">
      <table className="cp-table" aria-label="Instances">
        <thead>
          <tr>
            <th scope="col">instance</th>
            <th scope="col">inputs</th>
            <th scope="col">barriers in</th>
            <th scope="col">first barrier</th>
            <th scope="col">snapshot</th>
            <th scope="col">{mode === 'exactly-once' ? 'aligned' : 'barriers spread'}</th>
            <th scope="col">saved</th>
            <th scope="col">offsets</th>
          </tr>
        </thead>
        <tbody>
          {spans.map((s) => (
            <tr key={s.instance}>
              <td>{s.name}</td>
              <td>{s.inputs}</td>
              <td>{s.role === 'source' ? dash : `${s.barriers} of ${s.inputs}`}</td>
              <td>{time(s.firstBarrierAt)}</td>
              <td>{time(s.snapshotAt)}</td>
              <td>
                {s.firstBarrierAt === null || s.snapshotAt === null
                  ? dash
                  : ms(s.snapshotAt - s.firstBarrierAt)}
              </td>
              <td>{s.declined ? '✕ declined' : s.size === null ? dash : `${formatCount(s.size)} entries`}</td>
              <td>
                {s.offsets === null
                  ? dash
                  : s.offsets.map((o) => `p${o.partition}: ${formatCount(o.offset)}`).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A two-phase-commit sink's transactions of one checkpoint: open → pre-committed → committed | aborted. */
export function TxnTable({ transactions }: { transactions: readonly TxnLine[] }) {
  return (
    <div className="cp-scroll">
      <table className="cp-table" aria-label="Transactions">
        <thead>
          <tr>
            <th scope="col">sink instance</th>
            <th scope="col">transaction</th>
            <th scope="col">state</th>
            <th scope="col">rows</th>
            <th scope="col">readers see them</th>
          </tr>
        </thead>
        <tbody>
          {transactions.map((t) => (
            <tr key={`${t.sink}-${t.txn}`}>
              <td>{t.instance}</td>
              <td>txn {t.txn}</td>
              <td>{t.state}</td>
              <td>{formatCount(t.rows)}</td>
              <td>{t.visible ? 'yes (committed)' : 'no: read_committed readers do not'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
