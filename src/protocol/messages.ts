import { z } from 'zod';
import { Count, RequestId, Time } from './common.ts';
import { PanelRequest, PanelViews } from './panels.ts';

/**
 * The messages between the UI thread and an engine worker: plain, structured-clone-safe data,
 * validated with zod on arrival at either side. Bump PROTOCOL_VERSION on any incompatible change.
 *
 * The UI drives a run with commands (load, play, pause, step, reset, inject, watch) and pulls frames: it
 * sends `pull` once per animation frame, and never again before the answer came, so the worker
 * posts at most one frame per animation frame. Between pulls the worker runs the engine in
 * time-budgeted slices and keeps only the latest state.
 */
export const PROTOCOL_VERSION = 3;

export const SEMANTICS = ['at-most-once', 'at-least-once', 'exactly-once'] as const;
export const ACK_MODES = ['acking', 'checkpoint'] as const;

/** How fast the run goes: virtual ms per real ms, or as fast as the engine can. */
export const Speed = z.union([z.number().positive().max(1_000_000), z.literal('max')]);
export type Speed = z.infer<typeof Speed>;

// ---- Commands: UI → worker ----------------------------------------------------------------------

/** Loads a scenario (JSON data, validated by the engine's own parser) and resets to time 0, paused. */
export const LoadCommand = z.object({ type: z.literal('load'), requestId: RequestId, scenario: z.unknown() });

/** Runs from where it is; at `speed` virtual ms per real ms. */
export const PlayCommand = z.object({ type: z.literal('play'), requestId: RequestId, speed: Speed });

export const PauseCommand = z.object({ type: z.literal('pause'), requestId: RequestId });

/**
 * One step while paused: the next engine event; or everything up to the next completed or failed
 * checkpoint; or up to the next failure (scripted or a failover).
 */
export const StepCommand = z.object({
  type: z.literal('step'),
  requestId: RequestId,
  to: z.enum(['event', 'checkpoint', 'failure']),
});

/** Back to time 0 with the loaded scenario, optionally with another seed or semantics; paused. */
export const ResetCommand = z.object({
  type: z.literal('reset'),
  requestId: RequestId,
  seed: z.number().int().min(0).max(4294967295).optional(),
  semantics: z.enum(SEMANTICS).optional(),
  ackMode: z.enum(ACK_MODES).optional(),
});

/** Injects a failure now (a click); validated by the engine against the loaded job. */
export const InjectCommand = z.object({
  type: z.literal('inject'),
  requestId: RequestId,
  failure: z.unknown(),
});

/**
 * Which see-inside panels the UI shows, with what each is pointed at (a root, a component, an
 * event). Frames carry the views of these panels from then on, across loads and resets.
 */
export const WatchCommand = z.object({
  type: z.literal('watch'),
  requestId: RequestId,
  panels: PanelRequest,
});

/** Asks for the next frame. The UI sends it once per animation frame, only after the previous frame came. */
export const PullCommand = z.object({ type: z.literal('pull') });

/** Runs a scenario to the end (or `until`) in one go and answers with its summary (tests, the CLI check). */
export const RunScenarioCommand = z.object({
  type: z.literal('run-scenario'),
  requestId: RequestId,
  scenario: z.unknown(),
  until: z.number().nonnegative().optional(),
});

export const EngineCommand = z.discriminatedUnion('type', [
  LoadCommand,
  PlayCommand,
  PauseCommand,
  StepCommand,
  ResetCommand,
  InjectCommand,
  WatchCommand,
  PullCommand,
  RunScenarioCommand,
]);
export type EngineCommand = z.infer<typeof EngineCommand>;

// ---- Events: worker → UI ------------------------------------------------------------------------

/** A validation problem, as the engine reports it (see engine/core/errors.ts). */
export const IssueData = z.object({
  code: z.string(),
  path: z.string(),
  message: z.string(),
  hint: z.string(),
  componentId: z.string().optional(),
  edgeIndex: z.number().int().optional(),
});
export type IssueData = z.infer<typeof IssueData>;

/** A component and the book's counters (all its instances together): what every view of one has. */
const ComponentCore = z.object({
  id: z.string(),
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

/** A component's counters in a run summary, with its name. */
export const ComponentCounters = ComponentCore.extend({ name: z.string() });
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

/** The plain-data part of a run result that the UI shows (run-scenario). */
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

/** What the worker loaded: the validated scenario (every default filled in). */
export const LoadedInfo = z.object({
  title: z.string(),
  semantics: z.enum(SEMANTICS),
  ackMode: z.enum(ACK_MODES),
  seed: z.number().int(),
  runFor: z.number(),
  /** The validated scenario itself (engine's Scenario type), for the UI to show settings. */
  scenario: z.unknown(),
});
export type LoadedInfo = z.infer<typeof LoadedInfo>;

/** One instance of a component, as the run view draws it. */
export const InstanceView = z.object({
  index: Count,
  name: z.string(),
  health: z.enum(['running', 'crashed', 'restarting', 'failed']),
  busy: z.boolean(),
  /** Blocked on a full output (backpressure). */
  blocked: z.boolean(),
  processed: Count,
  delivered: Count,
  failed: Count,
  emitted: Count,
  lost: Count,
  dropped: Count,
  queued: Count,
  stateSize: Count,
  /** Checkpointing: aligning (which checkpoint), and the records waiting on blocked inputs. */
  aligning: z.boolean(),
  aligningCheckpoint: z.number().int().nullable(),
  alignmentBuffer: Count,
  /** Event time (null: none yet). */
  watermark: Time.nullable(),
  idle: z.boolean(),
});
export type InstanceView = z.infer<typeof InstanceView>;

/**
 * Checkpointing: what the job's latest failover does to a component — while the job restarts, and
 * for a few seconds of virtual time after (worker/rollback.ts).
 */
export const RollbackView = z.object({
  /** The checkpoint restored (null: none had completed, back to the beginning). */
  checkpoint: z.number().int().nullable(),
  phase: z.enum(['restarting', 'restored']),
  restartedAt: Time,
  /**
   * rewound: a source, back to the checkpoint's offsets; restored: an operator's state from the
   * checkpoint (exactly-once); kept: an operator keeps its state (at-least-once restores only the
   * sources); transactions: a two-phase-commit sink commits what the checkpoint pre-committed and
   * aborts the rest; outside: a sink whose table is outside the job, nothing is undone.
   */
  effect: z.enum(['rewound', 'restored', 'kept', 'transactions', 'outside']),
  /** Entries restored (operators, sinks); null: sources, or the checkpoint has left the store. */
  stateSize: Count.nullable(),
  /** Sources: the offsets rewound to, per partition (null: operators, sinks, or the checkpoint left the store). */
  offsets: z.array(Count).nullable(),
  /** Sources, after the restart: records still to be read again. */
  replaying: Count,
});
export type RollbackView = z.infer<typeof RollbackView>;

export const ComponentView = ComponentCore.extend({
  emitted: Count,
  earlyOut: Count,
  dropped: Count,
  lateDropped: Count,
  watermark: Time.nullable(),
  instances: z.array(InstanceView),
  /** Sinks: rows readers see, and writes received. */
  sink: z.object({ rows: Count, writes: Count }).optional(),
  /** Checkpointing: the latest rollback, while it is recent. */
  rollback: RollbackView.optional(),
});
export type ComponentView = z.infer<typeof ComponentView>;

export const ChannelView = z.object({
  index: Count,
  /** Index into the job's edges. */
  edge: Count,
  from: z.string(),
  to: z.string(),
  /** Elements in the channel (in transit and queued) and its capacity. */
  size: Count,
  capacity: Count,
  sent: Count,
  dropped: Count,
  lost: Count,
  blocked: z.boolean(),
  watermark: Time.nullable(),
  idle: z.boolean(),
});
export type ChannelView = z.infer<typeof ChannelView>;

/**
 * An element in flight on a channel, for animation: sampled (a bounded number per channel), with
 * its departure and arrival in virtual time. Records, checkpoint barriers and watermarks are drawn
 * differently.
 */
export const Token = z.object({
  channel: Count,
  kind: z.enum(['record', 'barrier', 'watermark', 'status']),
  /** Records: the lineage id; barriers: the checkpoint id; watermarks: the watermark (+Infinity: the final one); status: 1 idle, 0 active. */
  label: Time,
  departure: Time,
  arrival: Time,
});
export type Token = z.infer<typeof Token>;

/** A notable moment of the run (the timeline under the DAG, the event log). */
export const Moment = z.object({
  time: Time,
  kind: z.enum([
    'failure',
    'scripted-failure',
    'failover',
    'restart',
    'job-failed',
    'checkpoint',
    'checkpoint-failed',
  ]),
  text: z.string(),
  /** Whether it lies in the future (a scripted failure not fired yet). */
  pending: z.boolean(),
});
export type Moment = z.infer<typeof Moment>;

/** Everything the run view draws at one moment. */
export const Frame = z.object({
  /** Increases with every frame of a run; a reset starts over. */
  seq: Count,
  /** Which load/reset this frame belongs to (frames of an older run are ignored). */
  runId: Count,
  time: Time,
  status: z.enum(['paused', 'running', 'done']),
  speed: Speed,
  semantics: z.enum(SEMANTICS),
  ackMode: z.enum(ACK_MODES),
  seed: z.number().int(),
  steps: Count,
  traceHash: z.string(),
  components: z.array(ComponentView),
  channels: z.array(ChannelView),
  tokens: z.array(Token),
  /** Against the failure-free run of the same job and seed, at the same virtual time. */
  accuracy: AccuracySummary,
  /**
   * The virtual time `accuracy` was computed at. The worker recomputes it at most every 250 ms of
   * real time while running (and as soon as it can when paused or done), so it may lag `time`.
   */
  accuracyTime: Time.optional(),
  /** Events lost so far (each once) and events replayed by their sources. */
  lost: Count,
  replayed: Count,
  /** Checkpointing: the job's state and the last completed checkpoint (null: none / no checkpoints). */
  job: z.enum(['running', 'restarting', 'failed']),
  lastCheckpoint: z.number().int().nullable(),
  /** The most recent notable moments, oldest first (bounded), and the scripted failures still to come. */
  moments: z.array(Moment),
  /** The views of the panels the UI watches (see WatchCommand), built from the same engine state. */
  panels: PanelViews,
});
export type Frame = z.infer<typeof Frame>;

export const EngineEvent = z.discriminatedUnion('type', [
  /** Posted once when the host starts, so a version mismatch is caught before any command. */
  z.object({ type: z.literal('ready'), protocolVersion: z.literal(PROTOCOL_VERSION) }),
  /** The answer to load. `runId`: the new run's (its frames carry it). */
  z.object({ type: z.literal('loaded'), requestId: RequestId, info: LoadedInfo, runId: Count.optional() }),
  /**
   * The answer to play, pause, step, reset, inject. A step is answered once it is over (a step to
   * the next checkpoint or failure may take many slices). `runId`: after a reset, the new run's.
   */
  z.object({ type: z.literal('ok'), requestId: RequestId, runId: Count.optional() }),
  /** The answer to pull. */
  z.object({ type: z.literal('frame'), frame: Frame }),
  /** The answer to run-scenario. */
  z.object({ type: z.literal('result'), requestId: RequestId, result: RunSummary }),
  /**
   * A command failed. `issues`: the engine's validation problems (a bad scenario or failure), each
   * with its path. requestId is null when the command was too malformed to carry one.
   */
  z.object({
    type: z.literal('error'),
    requestId: RequestId.nullable(),
    message: z.string(),
    issues: z.array(IssueData).optional(),
  }),
]);
export type EngineEvent = z.infer<typeof EngineEvent>;
