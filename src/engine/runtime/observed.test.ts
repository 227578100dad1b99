import { describe, expect, it } from 'vitest';
import systemUsage from '../../../scenarios/system-usage.json';
import type { TraceEvent } from '../model/trace.ts';
import { parseScenario } from '../model/parse.ts';
import { engineFor } from '../oracle/runScenario.ts';

describe('engine: observed trace types', () => {
  it('an observer that does not want sends gets none, and everything else as before; the run is the same', () => {
    const scenario = parseScenario(systemUsage);
    const all: TraceEvent[] = [];
    const full = engineFor(scenario, { observer: (e) => all.push(e) });
    full.runToCompletion();
    const some: TraceEvent[] = [];
    const observed = new Set<TraceEvent['type']>(['read', 'process', 'lost', 'crash']);
    const partial = engineFor(scenario, { observer: (e) => some.push(e), observed });
    partial.runToCompletion();
    expect(all.some((e) => e.type === 'send')).toBe(true);
    expect(some.some((e) => e.type === 'send')).toBe(false);
    expect(some.filter((e) => observed.has(e.type))).toEqual(all.filter((e) => observed.has(e.type)));
    expect(partial.traceHash()).toBe(full.traceHash());
  });
});
