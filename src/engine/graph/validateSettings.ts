import { ErrorCode, type Issue } from '../core/errors.ts';
import type { Scenario } from '../model/types.ts';

/** Whether a scenario takes checkpoints (exactly-once, or at-least-once by checkpointed offsets). */
export function isCheckpointed(s: Pick<Scenario, 'semantics' | 'ackMode'>): boolean {
  return s.semantics === 'exactly-once' || (s.semantics === 'at-least-once' && s.ackMode === 'checkpoint');
}

/**
 * Checks checkpoint settings against each other and against the job (the graph must be valid):
 * a timeout no checkpoint can meet, concurrency that a minimum pause forbids.
 */
export function validateCheckpointing(scenario: Scenario): Issue[] {
  if (!isCheckpointed(scenario)) return [];
  const issues: Issue[] = [];
  const { timeout, minPause, maxConcurrent } = scenario.checkpointing;
  const crossing = barrierCrossingTime(scenario);
  if (timeout <= crossing) {
    issues.push({
      code: ErrorCode.InvalidSetting,
      path: 'checkpointing.timeout',
      message: `${timeout} ms can never be met: a barrier needs at least ${crossing} ms to cross the job (the edge latencies on its longest path), so every checkpoint would expire`,
      hint: `use a timeout above ${crossing} ms — several checkpoint intervals is usual`,
    });
  }
  if (maxConcurrent > 1 && minPause > 0) {
    issues.push({
      code: ErrorCode.InvalidSetting,
      path: 'checkpointing.maxConcurrent',
      message: `${maxConcurrent} checkpoints at once cannot be combined with a minimum pause (${minPause} ms): a pause after each checkpoint allows only one at a time`,
      hint: 'set maxConcurrent to 1, or minPause to 0',
    });
  }
  return issues;
}

/** The least time a barrier takes from the sources to the last sink: the longest path of edge latencies. */
function barrierCrossingTime(scenario: Scenario): number {
  const { components, edges } = scenario.job;
  const longest = new Map<string, number>();
  const visit = (id: string): number => {
    const known = longest.get(id);
    if (known !== undefined) return known;
    let best = 0;
    for (const e of edges) if (e.from === id) best = Math.max(best, e.latency + visit(e.to));
    longest.set(id, best);
    return best;
  };
  return Math.max(0, ...components.map((c) => visit(c.id)));
}
