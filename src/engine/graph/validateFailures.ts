import { ErrorCode, type Issue } from '../core/errors.ts';
import type { FailureAction, JobSpec } from '../model/types.ts';

/**
 * Checks that every failure names something that exists: a component and instance, an edge, a
 * store an analyzer reads. `at` is the JSON path of the list (`failures`).
 */
export function validateFailures(
  job: JobSpec,
  failures: readonly FailureAction[],
  at: string,
  ackers = Infinity,
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
        if (f.instance >= ackers) {
          issues.push({
            code: ErrorCode.UnknownTarget,
            path: `${path}.instance`,
            message: `there are ${ackers} acker instance(s), so acker ${f.instance} does not exist`,
            hint: `use an instance 0..${ackers - 1} or raise acking.ackers`,
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
