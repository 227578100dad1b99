import { z } from 'zod';

/**
 * The messages between the UI thread and an engine worker: plain, structured-clone-safe data,
 * validated with zod on arrival at either side. Bump PROTOCOL_VERSION on any incompatible change.
 */
export const PROTOCOL_VERSION = 1;

const RequestId = z.number().int().nonnegative();
const Count = z.number().int().nonnegative();

// ---- Commands: UI → worker ----------------------------------------------------------------------

export const RunScenarioCommand = z.object({
  type: z.literal('run-scenario'),
  requestId: RequestId,
  /** Scenario JSON data; the host validates it with the engine's own parser. */
  scenario: z.unknown(),
  /** Stop at this virtual time (ms) instead of running to completion. */
  until: z.number().nonnegative().optional(),
});

export const EngineCommand = z.discriminatedUnion('type', [RunScenarioCommand]);
export type EngineCommand = z.infer<typeof EngineCommand>;

// ---- Events: worker → UI ------------------------------------------------------------------------

/** The book's counters of one component (all its instances together). */
export const ComponentCounters = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  role: z.enum(['source', 'operator', 'sink']),
  parallelism: z.number().int().positive(),
  received: Count,
  processed: Count,
  delivered: Count,
  failed: Count,
  lost: Count,
  queued: Count,
});
export type ComponentCounters = z.infer<typeof ComponentCounters>;

/** Sink output against the failure-free run of the same job and seed. */
export const AccuracySummary = z.object({
  expected: Count,
  actual: Count,
  correct: Count,
  missing: Count,
  duplicated: Count,
  wrong: Count,
  /** correct / (correct + missing + duplicated + wrong); 1 when the output is exact. */
  score: z.number().min(0).max(1),
});
export type AccuracySummary = z.infer<typeof AccuracySummary>;

/** The plain-data part of a run result that the UI shows. */
export const RunSummary = z.object({
  title: z.string(),
  semantics: z.string(),
  seed: z.number().int(),
  virtualTimeMs: z.number().nonnegative(),
  done: z.boolean(),
  traceHash: z.string(),
  components: z.array(ComponentCounters),
  accuracy: AccuracySummary,
});
export type RunSummary = z.infer<typeof RunSummary>;

export const EngineEvent = z.discriminatedUnion('type', [
  /** Posted once when the host starts, so a version mismatch is caught before any command. */
  z.object({ type: z.literal('ready'), protocolVersion: z.literal(PROTOCOL_VERSION) }),
  z.object({ type: z.literal('result'), requestId: RequestId, result: RunSummary }),
  /** requestId is null when the command was too malformed to carry one. */
  z.object({ type: z.literal('error'), requestId: RequestId.nullable(), message: z.string() }),
]);
export type EngineEvent = z.infer<typeof EngineEvent>;
