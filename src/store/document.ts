import { temporal } from 'zundo';
import { create } from 'zustand';

/**
 * The scenario being edited: the same JSON as a file in scenarios/ (what Export writes and Import
 * reads). Every change goes through an action here, so undo and redo cover all of them; the engine
 * validates the document (through the worker) and the run view shows what it does.
 */

export interface Position {
  readonly x: number;
  readonly y: number;
}

/** A component as edited: its id and kind, a position, and the fields of its kind. */
export interface ComponentDoc {
  readonly id: string;
  readonly kind: string;
  readonly name?: string;
  readonly position?: Position;
  readonly [field: string]: unknown;
}

export interface EdgeDoc {
  readonly from: string;
  readonly to: string;
  readonly [field: string]: unknown;
}

export interface ScenarioDoc {
  readonly title?: string;
  readonly description?: string;
  readonly seed?: number;
  readonly semantics?: string;
  readonly ackMode?: string;
  readonly runFor?: number;
  readonly job: { readonly components: readonly ComponentDoc[]; readonly edges: readonly EdgeDoc[] };
  readonly failures?: readonly unknown[];
  readonly [field: string]: unknown;
}

interface DocumentState {
  readonly doc: ScenarioDoc;
  /** Counts whole-document replacements (not edits): a new job is run at once, an edit after a rest. */
  readonly opened: number;
  /** Replaces the whole document (a scenario picked, a file imported). */
  replace(doc: ScenarioDoc): void;
  /** Applies a change to the document (one undo step). */
  update(change: (doc: ScenarioDoc) => ScenarioDoc): void;
}

export const EMPTY_DOC: ScenarioDoc = {
  title: 'Untitled',
  semantics: 'at-most-once',
  runFor: 10_000,
  job: { components: [], edges: [] },
};

const STORAGE_KEY = 'streamlab.document.v1';

/** The autosaved document, if there is a readable one. */
function restore(): ScenarioDoc | null {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!text) return null;
    const doc = JSON.parse(text) as ScenarioDoc;
    return doc?.job && Array.isArray(doc.job.components) && Array.isArray(doc.job.edges) ? doc : null;
  } catch {
    return null;
  }
}

export const useDocument = create<DocumentState>()(
  temporal(
    (set) => ({
      doc: restore() ?? EMPTY_DOC,
      opened: 0,
      replace: (doc) => set((s) => ({ doc, opened: s.opened + 1 })),
      update: (change) => set((s) => ({ doc: change(s.doc) })),
    }),
    { partialize: (s) => ({ doc: s.doc }), limit: 200 },
  ),
);

/** Autosave: every change is written to localStorage (a reload gets the job back). */
useDocument.subscribe((s, previous) => {
  if (s.doc === previous.doc) return;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(s.doc));
  } catch {
    // Storage full or unavailable: the document stays in memory.
  }
});

export const undo = (): void => useDocument.temporal.getState().undo();
export const redo = (): void => useDocument.temporal.getState().redo();

/**
 * What the engine runs: the document without where nodes are drawn. Moving a node changes nothing
 * here, so it does not restart the run.
 */
export function runKey(doc: ScenarioDoc): string {
  return JSON.stringify({
    ...doc,
    job: { ...doc.job, components: doc.job.components.map(({ position: _, ...c }) => c) },
  });
}
