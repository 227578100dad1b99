import type { Engine } from '../runtime/Engine.ts';
import { type Accuracy, diffAppend, diffUpsert, sumAccuracy } from './diff.ts';

/** Accuracy of every sink of `run` against the same sink of the failure-free `reference`. */
export function compareSinks(
  run: Engine,
  reference: Engine,
): { total: Accuracy; sinks: Record<string, Accuracy> } {
  const sinks: Record<string, Accuracy> = {};
  for (const comp of run.rt.components) {
    if (!comp.table) continue;
    const expected = reference.sinkRows(comp.id);
    const actual = comp.table.rows();
    sinks[comp.id] =
      comp.table.kind === 'upsert' ? diffUpsert(expected, actual) : diffAppend(expected, actual);
  }
  return { total: sumAccuracy(Object.values(sinks)), sinks };
}
