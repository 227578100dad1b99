import type { SinkRow } from '../operators/sinks.ts';
import { TestEngine } from './TestEngine.ts';

/**
 * Helpers for event-time tests: a timeline of steps (records and watermarks, in processing order)
 * run through one window or join, and the panes it emitted.
 */

export type Step =
  | { readonly key: string; readonly value: number | null; readonly ts: number; readonly at?: number }
  | { readonly watermark: number; readonly at?: number };

/** A record (key, value) with event time `ts`. */
export const el = (key: string, value: number | null, ts: number, at?: number): Step => ({
  key,
  value,
  ts,
  at,
});
/** An explicit watermark. */
export const wm = (watermark: number, at?: number): Step => ({ watermark, at });

/** A records-source timeline; steps without `at` arrive one ms apart, in order. */
export function timeline(steps: readonly Step[]): object[] {
  return steps.map((s, i) => {
    const at = s.at ?? i;
    return 'watermark' in s
      ? { watermark: s.watermark, at }
      : { key: s.key, value: s.value, eventTime: s.ts, at };
  });
}

/** source → window → sink (and the window's late side output → "late"), no latency, no cost. */
export function runWindow(
  window: Record<string, unknown>,
  steps: readonly Step[],
): { panes: SinkRow[]; late: SinkRow[] } {
  const side = window.lateData === 'side-output';
  const job = {
    components: [
      // Punctuated: the timeline's watermarks, and the final one at its end.
      { id: 'in', kind: 'records-source', records: timeline(steps), watermarks: { strategy: 'punctuated' } },
      { id: 'w', kind: 'window', cost: 0, ...window },
      { id: 'out', kind: 'append-sink', cost: 0 },
      ...(side ? [{ id: 'late', kind: 'append-sink', cost: 0 }] : []),
    ],
    edges: [
      { from: 'in', to: 'w', latency: 0 },
      { from: 'w', to: 'out', latency: 0 },
      ...(side ? [{ from: 'w', to: 'late', latency: 0, output: 'late' }] : []),
    ],
  };
  const t = TestEngine.of(job, { runFor: 1 }).run();
  return { panes: t.rows('out'), late: side ? t.rows('late') : [] };
}

/** Panes as compact tuples: key, value, [start, end), timing, index. */
export function panesOf(rows: readonly SinkRow[], { beforeEnd = false } = {}): string[] {
  return rows
    .filter((r) => !beforeEnd || r.pane!.watermark !== Infinity)
    .map((r) => {
      const p = r.pane!;
      const value = p.items ? `[${p.items.join(',')}]` : String(r.value);
      return `${r.key} ${p.retraction ? '-' : ''}${value} [${p.start},${p.end}) ${p.timing} ${p.index}`;
    });
}

/** Two timelines (left, right) → a join or table join → sink; no latency, no cost. Steps carry their `at`. */
export function runJoin(
  join: Record<string, unknown>,
  left: readonly Step[],
  right: readonly Step[],
): SinkRow[] {
  const sides =
    join.kind === 'table-join' ? { stream: 'left', table: 'right' } : { left: 'left', right: 'right' };
  const source = (id: string, steps: readonly Step[]) => ({
    id,
    kind: 'records-source',
    records: timeline(steps),
    watermarks: { strategy: 'punctuated' },
  });
  const job = {
    components: [
      source('left', left),
      source('right', right),
      { id: 'j', cost: 0, ...sides, ...join },
      { id: 'out', kind: 'append-sink', cost: 0 },
    ],
    edges: [
      { from: 'left', to: 'j', latency: 0 },
      { from: 'right', to: 'j', latency: 0 },
      { from: 'j', to: 'out', latency: 0 },
    ],
  };
  return TestEngine.of(job, { runFor: 1 }).run().rows('out');
}
