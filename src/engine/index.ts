/**
 * StreamLab's engine: the only public surface of src/engine. Everything outside the engine imports
 * from here (or from engine/model for plain types).
 */
export {
  Engine,
  type EngineOptions,
  type TimerAction,
  type InstanceTime,
  type KeptWindow,
} from './runtime/Engine.ts';
export { watermarkStrategy } from './time/strategy.ts';
export {
  runScenario,
  engineFor,
  type RunOptions,
  type RunResult,
  type PerEventSummary,
} from './oracle/runScenario.ts';
export { compareSinks } from './oracle/compare.ts';
export { diffAppend, diffUpsert, sumAccuracy, type Accuracy } from './oracle/diff.ts';
export {
  diffAppendRows,
  diffUpsertRows,
  type DiffRow,
  type RowClass,
  type RowDiff,
} from './oracle/rowDiff.ts';
export {
  explainRows,
  type CauseKind,
  type Explanation,
  type Held,
  type OutputRecords,
} from './oracle/explain.ts';
export { sinkOutput, outputRecords, type SinkOutput, type SinkTransactions } from './oracle/sinkOutput.ts';
export { parseJob, parseScenario, parseScenarioText, parseFailureAction } from './model/parse.ts';
export {
  ScenarioSpec,
  JobSpec,
  FailureAction,
  ScheduledFailure,
  CheckpointSettings,
  AckingSettings,
  COMPONENT_KINDS,
  SEMANTICS,
  ACK_MODES,
} from './model/schema.ts';
export type { AckerStats, AckerView } from './ack/Acking.ts';
export type { AckEntry } from './ack/Acker.ts';
export type { PendingEntry } from './ack/PendingBuffer.ts';
export type { AckTree, TreeEdge, TreeStatus } from './ack/AckTrees.ts';
export { edgeHex } from './ack/edgeId.ts';
export type { CheckpointRecord } from './checkpoint/CheckpointCoordinator.ts';
export type { JobState, RecoveryRecord } from './checkpoint/Checkpointing.ts';
export { ErrorCode, ValidationError, formatIssue, type Issue } from './core/errors.ts';
export { planJob, type Plan } from './graph/plan.ts';
export type * from './model/types.ts';
export type * from './model/snapshot.ts';
export type * from './model/trace.ts';
export type { SinkRow } from './operators/sinks.ts';
export type { TxnInfo, TxnState, TxnSummary } from './operators/TransactionalTable.ts';
