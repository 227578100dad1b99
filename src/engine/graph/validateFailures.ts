import { ErrorCode, type Issue } from '../core/errors.ts';
import type { FailureAction, JobSpec } from '../model/types.ts';

/** What the run provides that some failures need (unknown when a failure is injected into a running job). */
export interface FailureContext {
  /** Acknowledger instances, when the run tracks trees with the acker; 0 when it does not. */
  readonly ackers: number;
  /** Whether the run takes checkpoints. */
  readonly checkpointed: boolean;
}

/**
 * Checks that every failure names something that exists: a component and instance, an edge, a
 * store an analyzer reads, an acker; and that the run has what it breaks (an acker, checkpoints).
 * `at` is the JSON path of the list (`failures`).
 */
export function validateFailures(
  job: JobSpec,
  failures: readonly FailureAction[],
  at: string,
  context?: FailureContext,
): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map(job.components.map((c) => [c.id, c]));
  const stores = new Set(job.components.flatMap((c) => (c.kind === 'analyzer' ? [c.store] : [])));
  const single = failures.length === 1 && at === 'failure';
  failures.forEach((f, i) => {
    const path = single ? at : `${at}[${i}]`;
    switch (f.action) {
      case 'crash':
      case 'fail-events':
      case 'slow': {
        const c = byId.get(f.component);
        if (!c) {
          issues.push({
            code: ErrorCode.UnknownTarget,
            path: `${path}.component`,
            message: `no component has id "${f.component}"`,
            hint: `use one of ${[...byId.keys()].join(', ')}`,
          });
        } else if (f.instance !== undefined && f.instance >= c.parallelism) {
          issues.push({
            code: ErrorCode.UnknownTarget,
            path: `${path}.instance`,
            message: `"${c.id}" has ${c.parallelism} instance(s), so instance ${f.instance} does not exist`,
            hint: `use an instance 0..${c.parallelism - 1}`,
            componentId: c.id,
          });
        }
        break;
      }
      case 'store-outage':
        if (!stores.has(f.store)) {
          issues.push({
            code: ErrorCode.UnknownTarget,
            path: `${path}.store`,
            message: `no analyzer reads a store named "${f.store}"`,
            hint: stores.size
              ? `use one of ${[...stores].join(', ')}`
              : 'add an analyzer that reads this store',
          });
        }
        break;
      case 'crash-acker':
        if (context?.ackers === 0) {
          issues.push({
            code: ErrorCode.InvalidSetting,
            path: `${path}.action`,
            message: 'this run has no acknowledger to crash',
            hint: 'use semantics "at-least-once" with ackMode "acking", or remove this failure',
          });
        } else if (context !== undefined && f.instance >= context.ackers) {
          issues.push({
            code: ErrorCode.UnknownTarget,
            path: `${path}.instance`,
            message: `there are ${context.ackers} acker instance(s), so acker ${f.instance} does not exist`,
            hint: `use an instance 0..${context.ackers - 1} or raise acking.ackers`,
          });
        }
        break;
      case 'checkpoint-storage-failure':
      case 'lose-checkpoint-notices':
        if (context?.checkpointed === false) {
          issues.push({
            code: ErrorCode.InvalidSetting,
            path: `${path}.action`,
            message: `"${f.action}" needs checkpoints, and this run takes none`,
            hint: 'use semantics "exactly-once" (or "at-least-once" with ackMode "checkpoint"), or remove this failure',
          });
        }
        break;
      case 'drop':
      case 'delay':
        if (!job.edges.some((e) => e.from === f.from && e.to === f.to)) {
          issues.push({
            code: ErrorCode.UnknownTarget,
            path: path,
            message: `there is no edge "${f.from}" → "${f.to}"`,
            hint: 'name an existing edge by its from and to components',
          });
        }
        break;
    }
  });
  return issues;
}
