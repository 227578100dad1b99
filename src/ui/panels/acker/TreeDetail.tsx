import { memo } from 'react';
import type { AckTreeDetail } from '../../../protocol/panels/acker.ts';
import { pointPanel } from '../../../store/panels.ts';
import { formatMs, groupedHex, shortHex, TREE_STATUS } from './format.ts';
import { sameData } from './sameData.ts';
import { Tree } from './Tree.tsx';
import { TreeTable } from './TreeTable.tsx';

const ZERO = '0'.repeat(16);

/** The tree's verdict in words: when, and why. */
function verdict(tree: AckTreeDetail): string {
  const at = tree.completedAt === null ? '' : ` at ${formatMs(tree.completedAt)}`;
  switch (tree.status) {
    case 'pending':
      return `pending since ${formatMs(tree.emittedAt)}`;
    case 'acked':
      return `acked${at}: every edge acked, the source was told`;
    case 'failed':
      return `failed${at}: a tuple failed, the whole tree fails and the source replays the event`;
    case 'timed-out':
      return `timed out${at}: not complete within the timeout, the source replays the event`;
    case 'lost':
      return `lost${at}: its source crashed; the log delivers the event again as a first emission`;
  }
}

/** The acker's running XOR for the root, with the rule that makes it work. */
function AckValue({ tree }: { tree: AckTreeDetail }) {
  const pending = tree.edges.filter((e) => e.status === 'pending');
  const zero = tree.ackValue === ZERO;
  let explain: string;
  if (zero && tree.status === 'acked') explain = '= 0: every edge was acked, so the tree is complete.';
  else if (tree.status === 'pending' && !tree.inLedger)
    explain = `${tree.acker} holds no row for this root any more${tree.ackerUp ? '' : ' (it is down)'}: only the source's timeout can end the tree.`;
  else if (pending.length > 0 && tree.pendingXor === tree.ackValue)
    explain = `= ${pending
      .slice(0, 6)
      .map((e) => shortHex(e.id))
      .join(' ⊕ ')}${pending.length > 6 ? ' ⊕ …' : ''}: ${
      tree.status === 'pending' ? 'the edges still waiting for their ack' : 'what was never acked'
    }.`;
  else explain = 'the last value the acker held for this root.';
  return (
    <section className="acker-xor" aria-label="Ack value">
      <p>
        <span className="muted">ack value (XOR) </span>
        <code className={`acker-xor-value${zero ? ' zero' : ''}`}>{groupedHex(tree.ackValue)}</code> {explain}
      </p>
      <p className="muted acker-rule">
        Each edge id is XORed in twice: when its tuple is emitted and when it is acked. The value is 0 exactly
        when every edge has been acked.
      </p>
    </section>
  );
}

/** The way from a failed or timed-out root to its replay, and back. */
function ReplayLinks({ tree }: { tree: AckTreeDetail }) {
  if (tree.replayOf === null && tree.replayedAs === null) return null;
  return (
    <p className="acker-replay-links">
      {tree.replayOf !== null && (
        <button type="button" onClick={() => pointPanel('acker', { root: tree.replayOf })}>
          ← Replay of root {tree.replayOf} (attempt {tree.attempt - 1})
        </button>
      )}
      {tree.replayedAs !== null && (
        <button type="button" onClick={() => pointPanel('acker', { root: tree.replayedAs })}>
          Go to its replay: root {tree.replayedAs} (attempt {tree.attempt + 1}) →
        </button>
      )}
    </p>
  );
}

/** Every emission of the event: first read, replays and why, and how each ended. */
function Emissions({ tree }: { tree: AckTreeDetail }) {
  if (tree.attempts.length < 2) return null;
  return (
    <ol className="acker-emissions" aria-label={`Emissions of event ${tree.event}`}>
      {tree.attempts.map((a) => {
        const s = a.status === null ? null : TREE_STATUS[a.status];
        const why =
          a.cause === 'first'
            ? 'read from the log'
            : `replayed after it ${a.cause === 'failed' ? 'failed' : 'timed out'}`;
        const text = `attempt ${a.attempt}, root ${a.root}, ${why}, at ${formatMs(a.emittedAt)}`;
        return (
          <li key={a.root} aria-current={a.root === tree.root ? 'true' : undefined}>
            {a.root === tree.root || s === null ? (
              <span>{text}</span>
            ) : (
              <button type="button" className="link" onClick={() => pointPanel('acker', { root: a.root })}>
                {text}
              </button>
            )}{' '}
            {s === null ? (
              <span className="muted">(tree no longer kept)</span>
            ) : (
              <span className="acker-status">
                <span aria-hidden="true">{s.glyph}</span> {s.word}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** One root: what it is, its verdict, its ack value, its attempts, and its tree (drawn, or as a table). */
export const TreeDetail = memo(function TreeDetail({ tree, table }: { tree: AckTreeDetail; table: boolean }) {
  const status = TREE_STATUS[tree.status];
  return (
    <article className="acker-detail" aria-label={`Root ${tree.root}`}>
      <h3>
        Root {tree.root}: event {tree.event} from {tree.source}, attempt {tree.attempt}
      </h3>
      <p className={`acker-verdict status-${tree.status}`}>
        <span aria-hidden="true">{status.glyph}</span> {verdict(tree)}
      </p>
      <ReplayLinks tree={tree} />
      <div className="acker-detail-body">
        <div className="acker-detail-tree">
          {table ? <TreeTable tree={tree} /> : <Tree tree={tree} />}
          {tree.edgesTotal > tree.edges.length && (
            <p className="muted">
              The first {tree.edges.length} of {tree.edgesTotal} edges are shown.
            </p>
          )}
        </div>
        <AckValue tree={tree} />
      </div>
      <p className="muted">
        Message id: partition {tree.partition}, offset {tree.offset} · emitted at {formatMs(tree.emittedAt)} ·
        tracked by {tree.acker}
        {tree.ackerUp ? '' : ' (down)'} · times delivered:{' '}
        {tree.delivered.map((d) => `${d.times} at ${d.sink}`).join(', ') || '—'}
      </p>
      <Emissions tree={tree} />
    </article>
  );
}, sameData);
