import { describe, expect, it } from 'vitest';
import exactlyOnce from '../../../scenarios/exactly-once-sinks.json';
import { engineFor } from '../oracle/runScenario.ts';
import { parseScenario } from '../model/parse.ts';

describe('sink tables: valuesOf', () => {
  it('gives the values of the rows an event wrote, as rows() shows them, for append, upsert and transactional tables', () => {
    // Exactly-once with a crash: the plain append sink has duplicates, the 2PC sink committed rows only.
    const engine = engineFor(parseScenario(exactlyOnce));
    engine.runUntil(7000);
    const kinds = new Set<string>();
    for (const comp of engine.rt.components) {
      const table = comp.table;
      if (table === null) continue;
      kinds.add(table.kind);
      const rows = table.rows();
      expect(rows.length).toBeGreaterThan(0);
      const ids = [...new Set(rows.map((r) => r.id))];
      for (const id of [...ids.slice(0, 50), ...ids.slice(-50), -1]) {
        expect(table.valuesOf(id)).toEqual(rows.filter((r) => r.id === id).map((r) => r.value));
      }
    }
    expect([...kinds].sort()).toEqual(['append', 'transactional', 'upsert']);
  });
});
