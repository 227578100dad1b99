import type { OutputView } from '../../../protocol/panels/output.ts';
import { formatCount } from '../../app/format.ts';
import { traceEvent } from '../traceEvent.ts';

type Txns = NonNullable<OutputView['transactions']>;

/** "1 row", "3 rows". */
const n = (count: number, one: string, many = `${one}s`) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/**
 * A two-phase-commit sink: what read_committed readers see (committed, the output compared above)
 * and what waits in open or pre-committed transactions (not output yet).
 */
export function Transactions({ txns }: { txns: Txns }) {
  return (
    <section aria-label="Transactions" className="output-txns">
      <h3>Transactions</h3>
      <ul>
        <li>
          committed: {n(txns.committedRows, 'row')} in {n(txns.committedTxns, 'transaction')} (what
          read_committed readers see)
        </li>
        <li>uncommitted: {n(txns.uncommittedRows, 'row')}, not output yet</li>
        <li>
          aborted: {n(txns.abortedTxns, 'transaction')} · expired: {n(txns.expiredTxns, 'transaction')}
          {txns.lostRows > 0 && ` (${n(txns.lostRows, 'row')} lost)`}
        </li>
      </ul>
    </section>
  );
}

/** The rows waiting in open or pre-committed transactions (not output: not compared above). */
export function UncommittedRows({ txns }: { txns: Txns }) {
  if (txns.uncommitted.length === 0) return null;
  return (
    <details className="output-uncommitted">
      <summary>Uncommitted rows ({formatCount(txns.uncommittedRows)}), not output yet</summary>
      <table className="output-table">
        <caption>
          Uncommitted rows
          {txns.uncommitted.length < txns.uncommittedRows &&
            `: the first ${formatCount(txns.uncommitted.length)} of ${formatCount(txns.uncommittedRows)}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Transaction</th>
            <th scope="col">State</th>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span className="visually-hidden">Lineage</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {txns.uncommitted.map((r, i) => (
            <tr key={i} data-event-id={r.event}>
              <td>
                {r.txn} <span className="muted">(instance {r.instance})</span>
              </td>
              <td>{r.state === 'pre-committed' ? `pre-committed at checkpoint ${r.checkpoint}` : 'open'}</td>
              <td>{r.key}</td>
              <td>
                <strong>{Number.isNaN(r.value) ? 'null' : r.value}</strong>{' '}
                <span className="muted">event {r.event}</span>
              </td>
              <td>
                <button type="button" className="output-trace" onClick={() => traceEvent(r.event)}>
                  Trace event {r.event}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
