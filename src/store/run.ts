import { create } from 'zustand';
import type { Frame, IssueData, LoadedInfo, Moment, Token } from '../protocol/messages.ts';

/** What one edge of the job carries now: its channels' fill and the sampled elements in flight. */
export interface EdgeLoad {
  readonly size: number;
  readonly capacity: number;
  readonly tokens: readonly Token[];
}

/**
 * What the run view shows: the latest frame from the engine worker (at most one update per
 * animation frame), what the worker loaded, and the engine's validation problems with the current
 * document. Filled from outside React by the run controller.
 */
interface RunState {
  readonly frame: Frame | null;
  /** The frame's channels and tokens gathered per edge of the job (index = edge index), once per frame. */
  readonly edges: readonly EdgeLoad[];
  readonly loaded: LoadedInfo | null;
  /** The engine's problems with the document (empty: it runs). */
  readonly issues: readonly IssueData[];
  /** A failed command's message (a failure that could not be injected), shown until dismissed. */
  readonly notice: string | null;
  /** The document changed and the engine has not been given it yet: what is shown is of the old job. */
  readonly reloadPending: boolean;
}

export const useRun = create<RunState>()(() => ({
  frame: null,
  edges: [],
  loaded: null,
  issues: [],
  notice: null,
  reloadPending: false,
}));

export function applyFrame(frame: Frame): void {
  const previous = useRun.getState().frame;
  // Moments rarely change: keep the old array when they did not, so the timeline need not redraw.
  const moments =
    previous !== null && sameMoments(previous.moments, frame.moments) ? previous.moments : frame.moments;
  useRun.setState({ frame: { ...frame, moments }, edges: edgeLoads(frame) });
}

/** The frame's channels and tokens per edge. */
export function edgeLoads(frame: Frame): EdgeLoad[] {
  const loads: { size: number; capacity: number; tokens: Token[] }[] = [];
  const edgeOf = new Map<number, number>();
  for (const ch of frame.channels) {
    edgeOf.set(ch.index, ch.edge);
    const load = (loads[ch.edge] ??= { size: 0, capacity: 0, tokens: [] });
    load.size += ch.size;
    load.capacity += ch.capacity;
  }
  for (const t of frame.tokens) {
    const edge = edgeOf.get(t.channel);
    if (edge !== undefined) loads[edge]!.tokens.push(t);
  }
  return loads;
}

function sameMoments(a: readonly Moment[], b: readonly Moment[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((m, i) => {
    const n = b[i]!;
    return m.time === n.time && m.kind === n.kind && m.text === n.text && m.pending === n.pending;
  });
}
