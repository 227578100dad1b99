import { describe, expect, it } from 'vitest';
import type { ScenarioDoc } from './document.ts';
import {
  addComponent,
  connect,
  copy,
  freshId,
  paste,
  remove,
  setPositions,
  updateComponent,
  updateEdge,
} from './edits.ts';

const doc: ScenarioDoc = {
  title: 'T',
  job: {
    components: [
      { id: 'src', kind: 'generator-source', rate: 10, position: { x: 0, y: 0 } },
      { id: 'map', kind: 'map', position: { x: 200, y: 0 } },
      { id: 'sink', kind: 'append-sink', position: { x: 400, y: 0 } },
    ],
    edges: [
      { from: 'src', to: 'map' },
      { from: 'map', to: 'sink' },
    ],
  },
  failures: [{ at: 5, action: 'crash', component: 'map' }],
};

describe('document edits', () => {
  it('adds a component with a fresh id and the fields its kind requires', () => {
    const r = addComponent(doc, 'generator-source', { x: 1, y: 2 });
    expect(r.id).toBe('generator');
    expect(r.doc.job.components.at(-1)).toEqual({
      id: 'generator',
      kind: 'generator-source',
      rate: 100,
      keys: 10,
      position: { x: 1, y: 2 },
    });
    expect(freshId(r.doc, 'map')).toBe('map-2');
  });

  it('removing a component removes its edges; an edge alone can be removed too', () => {
    const r = remove(doc, new Set(['map']));
    expect(r.job.components.map((c) => c.id)).toEqual(['src', 'sink']);
    expect(r.job.edges).toEqual([]);
    expect(remove(doc, new Set(), new Set([1])).job.edges).toEqual([{ from: 'src', to: 'map' }]);
  });

  it('connects once; a join gets its left and right inputs in connection order', () => {
    expect(connect(doc, 'src', 'map')).toBe(doc);
    const withJoin = addComponent(doc, 'join', { x: 0, y: 0 });
    const a = connect(withJoin.doc, 'src', withJoin.id);
    const b = connect(a, 'map', withJoin.id);
    expect(b.job.components.find((c) => c.id === 'join')).toMatchObject({ left: 'src', right: 'map' });
  });

  it('renaming a component carries the new id to its edges, joins and scripted failures', () => {
    const r = updateComponent(doc, 'map', { id: 'enrich', parallelism: 3 });
    expect(r.job.components[1]).toMatchObject({ id: 'enrich', parallelism: 3 });
    expect(r.job.edges).toEqual([
      { from: 'src', to: 'enrich' },
      { from: 'enrich', to: 'sink' },
    ]);
    expect(r.failures).toEqual([{ at: 5, action: 'crash', component: 'enrich' }]);
    // A cleared field goes back to its default: it disappears.
    expect(updateComponent(r, 'enrich', { parallelism: undefined }).job.components[1]).not.toHaveProperty(
      'parallelism',
    );
  });

  it('edits an edge and moves components', () => {
    expect(updateEdge(doc, 0, { grouping: 'fields' }).job.edges[0]).toEqual({
      from: 'src',
      to: 'map',
      grouping: 'fields',
    });
    const moved = setPositions(doc, new Map([['map', { x: 10.4, y: 20.6 }]]));
    expect(moved.job.components[1]!.position).toEqual({ x: 10, y: 21 });
  });

  it('copy and paste: fresh ids, shifted positions, the edges between the copies', () => {
    const clip = copy(doc, new Set(['map', 'sink']));
    expect(clip.edges).toEqual([{ from: 'map', to: 'sink' }]);
    const r = paste(doc, clip, { x: 40, y: 40 });
    expect(r.ids).toEqual(['map-2', 'sink-2']);
    expect(r.doc.job.components.at(-1)).toMatchObject({ id: 'sink-2', position: { x: 440, y: 40 } });
    expect(r.doc.job.edges.at(-1)).toEqual({ from: 'map-2', to: 'sink-2' });
  });
});
