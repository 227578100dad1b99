import type { ComponentDoc, EdgeDoc, Position, ScenarioDoc } from './document.ts';

/**
 * Edits of a scenario document as pure functions: each takes a document and returns a new one, so
 * the store can keep the history and tests need no UI.
 */

/** What a new component of each kind starts with, beyond the schema's defaults (its required fields). */
const TEMPLATES: Readonly<Record<string, Record<string, unknown>>> = {
  'generator-source': { rate: 100, keys: 10 },
  'log-source': { prefill: 100 },
  'records-source': { records: [{ key: 'a', value: 1, at: 0 }] },
  filter: { predicate: { op: 'min-value', threshold: 1 } },
  window: { window: { type: 'tumbling', size: 1000 } },
  join: { left: '', right: '', before: 1000, after: 1000 },
  'table-join': { stream: '', table: '' },
};

/** The fields in which joins name their inputs. */
const SIDES = ['left', 'right', 'stream', 'table'] as const;

/** An id not used yet, from a base: `map`, then `map-2`, `map-3`… */
export function freshId(doc: ScenarioDoc, base: string): string {
  const used = new Set(doc.job.components.map((c) => c.id));
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '-').replace(/^[^A-Za-z]+/, '') || 'c';
  if (!used.has(clean)) return clean;
  for (let n = 2; ; n++) if (!used.has(`${clean}-${n}`)) return `${clean}-${n}`;
}

export function addComponent(
  doc: ScenarioDoc,
  kind: string,
  position: Position,
): { doc: ScenarioDoc; id: string } {
  const id = freshId(doc, kind.replace(/-(source|sink)$/, ''));
  const component: ComponentDoc = { id, kind, ...TEMPLATES[kind], position };
  return { doc: withJob(doc, [...doc.job.components, component], doc.job.edges), id };
}

/** Removes components (with their edges) and edges (by index). */
export function remove(
  doc: ScenarioDoc,
  ids: ReadonlySet<string>,
  edges: ReadonlySet<number> = new Set(),
): ScenarioDoc {
  const components = doc.job.components.filter((c) => !ids.has(c.id));
  const kept = doc.job.edges.filter((e, i) => !edges.has(i) && !ids.has(e.from) && !ids.has(e.to));
  return withJob(doc, components, kept);
}

/**
 * Connects two components (once). A join gets its sides filled in order: the first input is the
 * left (or the stream), the second the right (or the table).
 */
export function connect(doc: ScenarioDoc, from: string, to: string): ScenarioDoc {
  if (from === to || doc.job.edges.some((e) => e.from === from && e.to === to)) return doc;
  const components = doc.job.components.map((c) => {
    if (c.id !== to) return c;
    if (c.kind === 'join') return fillSide(c, from, 'left', 'right');
    if (c.kind === 'table-join') return fillSide(c, from, 'stream', 'table');
    return c;
  });
  return withJob(doc, components, [...doc.job.edges, { from, to }]);
}

function fillSide(c: ComponentDoc, from: string, first: string, second: string): ComponentDoc {
  if (!c[first]) return { ...c, [first]: from };
  if (!c[second]) return { ...c, [second]: from };
  return c;
}

/**
 * Changes a component's fields (undefined removes a field). A new id is carried over to its edges
 * and to the joins that name it.
 */
export function updateComponent(doc: ScenarioDoc, id: string, patch: Record<string, unknown>): ScenarioDoc {
  const newId = typeof patch.id === 'string' && patch.id !== id ? patch.id : null;
  const rename = (x: unknown) => (newId !== null && x === id ? newId : x);
  const components = doc.job.components.map((c) => {
    if (c.id === id) return clean({ ...c, ...patch }) as ComponentDoc;
    if (newId === null) return c;
    const sides = SIDES.filter((k) => c[k] === id);
    return sides.length === 0 ? c : { ...c, ...Object.fromEntries(sides.map((k) => [k, newId])) };
  });
  const edges = doc.job.edges.map((e) =>
    newId === null ? e : { ...e, from: rename(e.from) as string, to: rename(e.to) as string },
  );
  const failures = (doc.failures ?? []).map((f) => {
    const failure = f as Record<string, unknown>;
    return newId === null
      ? f
      : {
          ...failure,
          component: rename(failure.component),
          from: rename(failure.from),
          to: rename(failure.to),
        };
  });
  return {
    ...withJob(doc, components, edges),
    ...(doc.failures ? { failures: failures.map((f) => clean(f as object)) } : {}),
  };
}

export function updateEdge(doc: ScenarioDoc, index: number, patch: Record<string, unknown>): ScenarioDoc {
  const edges = doc.job.edges.map((e, i) => (i === index ? (clean({ ...e, ...patch }) as EdgeDoc) : e));
  return withJob(doc, doc.job.components, edges);
}

/** Changes top-level settings (title, seed, semantics, runFor, acking, checkpointing…). */
export function updateSettings(doc: ScenarioDoc, patch: Record<string, unknown>): ScenarioDoc {
  return clean({ ...doc, ...patch }) as ScenarioDoc;
}

export function setPositions(doc: ScenarioDoc, positions: ReadonlyMap<string, Position>): ScenarioDoc {
  const components = doc.job.components.map((c) => {
    const p = positions.get(c.id);
    return p === undefined ? c : { ...c, position: { x: Math.round(p.x), y: Math.round(p.y) } };
  });
  return withJob(doc, components, doc.job.edges);
}

/** What Copy keeps: the components chosen and the edges between them. */
export interface Clip {
  readonly components: readonly ComponentDoc[];
  readonly edges: readonly EdgeDoc[];
}

export function copy(doc: ScenarioDoc, ids: ReadonlySet<string>): Clip {
  return {
    components: doc.job.components.filter((c) => ids.has(c.id)),
    edges: doc.job.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
  };
}

/** Pastes a clip with fresh ids, shifted by `offset`; returns the new ids. */
export function paste(doc: ScenarioDoc, clip: Clip, offset: Position): { doc: ScenarioDoc; ids: string[] } {
  let next = doc;
  const renamed = new Map<string, string>();
  for (const c of clip.components) {
    const id = freshId(next, c.id);
    renamed.set(c.id, id);
    const position = { x: (c.position?.x ?? 0) + offset.x, y: (c.position?.y ?? 0) + offset.y };
    next = withJob(next, [...next.job.components, { ...c, id, position }], next.job.edges);
  }
  // Joins inside the clip name their pasted inputs; names outside it are kept.
  const pasted = new Set(renamed.values());
  const components = next.job.components.map((c) => {
    if (!pasted.has(c.id)) return c;
    const sides = SIDES.filter((k) => typeof c[k] === 'string' && renamed.has(c[k] as string));
    return sides.length === 0
      ? c
      : { ...c, ...Object.fromEntries(sides.map((k) => [k, renamed.get(c[k] as string)])) };
  });
  const edges = clip.edges.map((e) => ({ ...e, from: renamed.get(e.from)!, to: renamed.get(e.to)! }));
  return { doc: withJob(next, components, [...next.job.edges, ...edges]), ids: [...renamed.values()] };
}

function withJob(
  doc: ScenarioDoc,
  components: readonly ComponentDoc[],
  edges: readonly EdgeDoc[],
): ScenarioDoc {
  return { ...doc, job: { ...doc.job, components, edges } };
}

/** Drops fields set to undefined (a form field cleared: back to the default). */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
