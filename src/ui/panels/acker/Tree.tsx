import type { KeyboardEvent, ReactNode } from 'react';
import type { AckTreeDetail, AckTreeEdge } from '../../../protocol/panels/acker.ts';
import { pointPanel } from '../../../store/panels.ts';
import { edgeStatus, formatMs, shortHex, TREE_STATUS } from './format.ts';

/** Edges by parent: a tuple's children are the tuples emitted from it. Orphans hang under the root. */
function childrenOf(tree: AckTreeDetail): Map<string | null, AckTreeEdge[]> {
  const ids = new Set(tree.edges.map((e) => e.id));
  const byParent = new Map<string | null, AckTreeEdge[]>();
  for (const e of tree.edges) {
    const parent = e.parent !== null && ids.has(e.parent) ? e.parent : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), e]);
  }
  return byParent;
}

/** Arrow keys, Home and End move between the items of a tree (WAI-ARIA tree view pattern). */
function onTreeKey(event: KeyboardEvent<HTMLUListElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  const current = items.indexOf((event.target as HTMLElement).closest('[role="treeitem"]') as HTMLElement);
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? items.length - 1
        : Math.min(items.length - 1, Math.max(0, current + (event.key === 'ArrowDown' ? 1 : -1)));
  event.preventDefault();
  items[next]?.focus();
}

function EdgeNode({
  edge,
  tree,
  byParent,
}: {
  edge: AckTreeEdge;
  tree: AckTreeDetail;
  byParent: Map<string | null, AckTreeEdge[]>;
}) {
  const kids = byParent.get(edge.id) ?? [];
  const status = edgeStatus(edge.status, tree.status);
  const orphan = edge.parent !== null && !tree.edges.some((e) => e.id === edge.parent);
  const notes: string[] = [];
  if (edge.earlyOut) notes.push('early out: went no further, acked');
  if (edge.status === 'acked' && edge.toRole === 'sink') notes.push('written');
  if (edge.anchoredTo > 1) notes.push(`one tuple of ${edge.anchoredTo} events`);
  if (orphan) notes.push(`emitted from edge ${shortHex(edge.parent!)} (not drawn)`);
  const label = `${edge.to}, edge ${shortHex(edge.id)}, ${status.word}${notes.length ? `, ${notes.join(', ')}` : ''}`;
  return (
    <li
      role="treeitem"
      aria-label={label}
      aria-expanded={kids.length > 0 ? true : undefined}
      tabIndex={-1}
      className={`acker-node status-${edge.status}${status.word === 'never acked' ? ' never-acked' : ''}`}
    >
      <span className="acker-node-line">
        <span className="acker-node-name">{edge.to}</span>
        <code
          className="acker-edge"
          title={`edge ${edge.id} from ${edge.from}, emitted at ${formatMs(edge.createdAt)}${edge.settledAt === null ? '' : `, settled at ${formatMs(edge.settledAt)}`}`}
        >
          {shortHex(edge.id)}
        </code>
        <span className="acker-status">
          <span aria-hidden="true">{status.glyph}</span> {status.word}
        </span>
        {notes.map((n) => (
          <span key={n} className="acker-note">
            {n}
          </span>
        ))}
        {edge.alsoRoots.length > 0 && <span className="acker-note">also in the trees of</span>}
        {edge.alsoRoots.map((r) => (
          <button key={r} type="button" className="link" onClick={() => pointPanel('acker', { root: r })}>
            root {r}
          </button>
        ))}
        {edge.anchoredTo - 1 > edge.alsoRoots.length && (
          <span className="acker-note">+{edge.anchoredTo - 1 - edge.alsoRoots.length} more</span>
        )}
      </span>
      {kids.length > 0 && <Children edges={kids} tree={tree} byParent={byParent} />}
    </li>
  );
}

function Children({
  edges,
  tree,
  byParent,
}: {
  edges: AckTreeEdge[];
  tree: AckTreeDetail;
  byParent: Map<string | null, AckTreeEdge[]>;
}): ReactNode {
  return (
    <ul role="group">
      {edges.map((e) => (
        <EdgeNode key={e.id} edge={e} tree={tree} byParent={byParent} />
      ))}
    </ul>
  );
}

/**
 * The tuple tree of a root, drawn as a tree: the source event at the top, under each tuple the
 * tuples emitted from it; each node is the instance the tuple went to, its edge id (short; the full
 * id on hover) and its status as a shape and a word.
 */
export function Tree({ tree }: { tree: AckTreeDetail }) {
  const byParent = childrenOf(tree);
  const top = byParent.get(null) ?? [];
  const status = TREE_STATUS[tree.status];
  return (
    <ul role="tree" aria-label={`Tree of root ${tree.root}`} className="acker-tree" onKeyDown={onTreeKey}>
      <li
        role="treeitem"
        aria-label={`${tree.source}, event ${tree.event}, root ${tree.root}, ${status.word}`}
        aria-expanded={top.length > 0 ? true : undefined}
        tabIndex={0}
        className={`acker-node status-${tree.status}`}
      >
        <span className="acker-node-line">
          <span className="acker-node-name">{tree.source}</span>
          <span>event {tree.event}</span>
          <span className="acker-status">
            <span aria-hidden="true">{status.glyph}</span> {status.word}
          </span>
        </span>
        {top.length > 0 && <Children edges={top} tree={tree} byParent={byParent} />}
      </li>
    </ul>
  );
}
