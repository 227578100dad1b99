import type { AckTreeDetail } from '../../../protocol/panels/acker.ts';
import { edgeStatus, formatMs } from './format.ts';

/** The tree as a table (the text alternative of the drawing): one row per edge, full ids. */
export function TreeTable({ tree }: { tree: AckTreeDetail }) {
  return (
    <table className="acker-tree-table">
      <caption className="visually-hidden">Edges of root {tree.root}</caption>
      <thead>
        <tr>
          <th scope="col">edge</th>
          <th scope="col">emitted from edge</th>
          <th scope="col">from</th>
          <th scope="col">to</th>
          <th scope="col">status</th>
          <th scope="col">emitted</th>
          <th scope="col">settled</th>
          <th scope="col">note</th>
        </tr>
      </thead>
      <tbody>
        {tree.edges.map((e) => {
          const s = edgeStatus(e.status, tree.status);
          return (
            <tr key={e.id}>
              <td>
                <code>{e.id}</code>
              </td>
              <td>{e.parent === null ? '(the source event)' : <code>{e.parent}</code>}</td>
              <td>{e.from}</td>
              <td>{e.to}</td>
              <td>
                <span aria-hidden="true">{s.glyph}</span> {s.word}
              </td>
              <td>{formatMs(e.createdAt)}</td>
              <td>{e.settledAt === null ? '—' : formatMs(e.settledAt)}</td>
              <td>
                {[
                  e.earlyOut ? 'early out' : '',
                  e.anchoredTo > 1
                    ? `anchored to ${e.anchoredTo} events (also roots ${e.alsoRoots.join(', ')}${e.anchoredTo - 1 > e.alsoRoots.length ? ', …' : ''})`
                    : '',
                ]
                  .filter(Boolean)
                  .join('; ')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
