import type { Accuracy, RunResult, Scenario } from '../engine/index.ts';
import type { AccuracySummary, RunSummary } from '../protocol/messages.ts';

/** The plain data the UI shows of a whole run (run-scenario); sink rows, losses… stay in the worker. */
export function summarize(scenario: Scenario, result: RunResult): RunSummary {
  const names = new Map(scenario.job.components.map((c) => [c.id, c.name ?? c.id]));
  return {
    title: result.scenario,
    semantics: result.semantics,
    seed: result.seed,
    virtualTimeMs: result.virtualTimeMs,
    done: result.done,
    traceHash: result.traceHash,
    components: result.snapshot.components.map((c) => ({
      id: c.id,
      name: names.get(c.id) ?? c.id,
      kind: c.kind,
      role: c.role,
      parallelism: c.parallelism,
      received: c.received,
      processed: c.processed,
      delivered: c.delivered,
      failed: c.failed,
      lost: c.lost,
      queued: c.queued,
    })),
    accuracy: accuracySummary(result.accuracy),
  };
}

/** Only the protocol's fields (the engine's object may grow). */
export function accuracySummary(a: Accuracy): AccuracySummary {
  const { expected, actual, correct, missing, duplicated, wrong, score } = a;
  return { expected, actual, correct, missing, duplicated, wrong, score };
}
