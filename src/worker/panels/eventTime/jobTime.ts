import {
  watermarkStrategy,
  type ComponentSpec,
  type Scenario,
  type SourceSpec,
  type WatermarkStrategy,
} from '../../../engine/index.ts';

type JobSpec = Scenario['job'];

/**
 * Where a job has event time, read from its spec: which components go by watermarks or by stream
 * time, and which sources make the watermarks. Shared by the event-time and windows panels.
 */

export type Clock = 'watermark' | 'stream-time';

const isSource = (c: ComponentSpec): c is SourceSpec => c.kind.endsWith('-source');

/** A window or a stream-stream join: the components with a clock of their own. */
export function hasOwnClock(c: ComponentSpec): c is Extract<ComponentSpec, { kind: 'window' | 'join' }> {
  return c.kind === 'window' || c.kind === 'join';
}

/** The component's display name (its id when it has none). */
export function nameOf(c: ComponentSpec): string {
  return c.name ?? c.id;
}

/** The sources a component reads from, directly or through others (itself, if it is one), in job order. */
export function upstreamSources(job: JobSpec, id: string): SourceSpec[] {
  const seen = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0) {
    const to = queue.shift()!;
    for (const e of job.edges) {
      if (e.to === to && !seen.has(e.from)) {
        seen.add(e.from);
        queue.push(e.from);
      }
    }
  }
  return job.components.filter((c): c is SourceSpec => isSource(c) && seen.has(c.id));
}

/**
 * The clock a component goes by: a window's or join's own; otherwise watermarks, when a source it
 * reads from emits them. Null: no event time here.
 */
export function clockOf(job: JobSpec, c: ComponentSpec): Clock | null {
  if (hasOwnClock(c)) return c.clock;
  const marked = upstreamSources(job, c.id).some((s) => watermarkStrategy(s).strategy !== 'none');
  return marked ? 'watermark' : null;
}

/** The components with event time, in job order. */
export function eventTimeComponents(job: JobSpec): ComponentSpec[] {
  return job.components.filter((c) => clockOf(job, c) !== null);
}

/**
 * The component a panel looks at: the one asked for, if it qualifies; else the first window or
 * join; else the first qualifying one. Null when none does.
 */
export function pickComponent(
  candidates: readonly ComponentSpec[],
  asked: string | undefined,
): ComponentSpec | null {
  return candidates.find((c) => c.id === asked) ?? candidates.find(hasOwnClock) ?? candidates[0] ?? null;
}

/** A source's watermark strategy as the panel shows it. */
export function strategyOf(s: SourceSpec): {
  strategy: WatermarkStrategy['strategy'];
  bound: number | null;
} {
  const w = watermarkStrategy(s);
  return { strategy: w.strategy, bound: w.strategy === 'bounded-out-of-orderness' ? w.bound : null };
}
