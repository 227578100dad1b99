import { UpsertTable } from '../operators/sinks.ts';
import type { Engine } from '../runtime/Engine.ts';
import { type Accuracy, diffAppend, diffUpsert, diffUpsertTables, sumAccuracy } from './diff.ts';

/** Accuracy of every sink of `run` against the same sink of the failure-free `reference`. */
export function compareSinks(
  run: Engine,
  reference: Engine,
): { total: Accuracy; sinks: Record<string, Accuracy> } {
  const sinks: Record<string, Accuracy> = {};
  for (const comp of run.rt.components) {
    const table = comp.table;
    if (!table) continue;
    const expected = reference.rt.components.find((c) => c.id === comp.id)?.table;
    if (expected instanceof UpsertTable && table instanceof UpsertTable) {
      sinks[comp.id] = diffUpsertTables(expected, table);
    } else {
      const rows = reference.sinkRows(comp.id);
      sinks[comp.id] =
        table.kind === 'upsert' ? diffUpsert(rows, table.rows()) : diffAppend(rows, table.rows());
    }
  }
  return { total: sumAccuracy(Object.values(sinks)), sinks };
}
