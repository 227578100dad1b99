import type { z } from 'zod';
import type {
  AckingSettings,
  AckMode,
  CheckpointSettings,
  ComponentSpec,
  EdgeSpec,
  FailureAction,
  JobSpec,
  RecordEntry,
  ScenarioSpec,
  TimelineEntry,
  WatermarkStrategy,
  ScheduledFailure,
  Semantics,
} from './schema.ts';

/** A validated job: components and edges with every default filled in. */
export type JobSpec = z.output<typeof JobSpec>;
/** A job as written by a person (defaults may be omitted). */
export type JobSpecInput = z.input<typeof JobSpec>;
export type ComponentSpec = z.output<typeof ComponentSpec>;
export type ComponentKind = ComponentSpec['kind'];
export type EdgeSpec = z.output<typeof EdgeSpec>;
export type Grouping = EdgeSpec['grouping'];
export type RecordEntry = z.output<typeof RecordEntry>;
export type TimelineEntry = z.output<typeof TimelineEntry>;
export type WatermarkStrategy = z.output<typeof WatermarkStrategy>;
export type FailureAction = z.output<typeof FailureAction>;
export type FailureActionInput = z.input<typeof FailureAction>;
export type ScheduledFailure = z.output<typeof ScheduledFailure>;
export type Semantics = z.output<typeof Semantics>;
export type AckMode = z.output<typeof AckMode>;
export type AckingSettings = z.output<typeof AckingSettings>;
export type CheckpointSettings = z.output<typeof CheckpointSettings>;
export type RestartStrategy = CheckpointSettings['restart'];
/** A validated scenario: job + seed + semantics + failure script + run length. */
export type Scenario = z.output<typeof ScenarioSpec>;
export type ScenarioInput = z.input<typeof ScenarioSpec>;

export type SourceSpec = Extract<ComponentSpec, { kind: `${string}-source` }>;
export type SinkSpec = Extract<ComponentSpec, { kind: `${string}-sink` }>;
export type OperatorSpec = Exclude<ComponentSpec, SourceSpec | SinkSpec>;

/** Which role a component kind plays in a graph. */
export type Role = 'source' | 'operator' | 'sink';

export function roleOf(kind: ComponentKind): Role {
  if (kind.endsWith('-source')) return 'source';
  if (kind.endsWith('-sink')) return 'sink';
  return 'operator';
}
