import { z } from 'zod';

/**
 * The job and scenario file format, as zod schemas. This is the single source of truth: the engine,
 * the CLI, the editor's import and the scenario files are all validated against it, and
 * `scenarios/schema.json` is generated from it (`npm run schema`).
 *
 * Messages are written for people: "must be an integer 1..64", not "Too big".
 */

const int = (min: number, max: number) =>
  z
    .number({ error: `must be an integer ${min}..${max}` })
    .int({ error: `must be an integer ${min}..${max}` })
    .min(min, { error: `must be an integer ${min}..${max}` })
    .max(max, { error: `must be an integer ${min}..${max}` });

const num = (min: number, max: number, unit = '') =>
  z
    .number({ error: `must be a number ${min}..${max}${unit}` })
    .min(min, { error: `must be a number ${min}..${max}${unit}` })
    .max(max, { error: `must be a number ${min}..${max}${unit}` });

const probability = num(0, 1);
const durationMs = num(0, 1e9, ' ms');
const positiveMs = (why: string) =>
  z
    .number({ error: `must be a number of ms > 0` })
    .positive({ error: `must be more than 0 ms (${why})` })
    .max(1e8, { error: 'must be at most 100000000 ms' });
/** Virtual milliseconds of processing per event. */
const cost = num(0, 60_000, ' ms');

export const ComponentId = z.string({ error: 'must be a string' }).regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, {
  error: 'must start with a letter and use only letters, digits, - and _ (at most 40 characters)',
});

const Position = z.strictObject({ x: z.number(), y: z.number() });

const common = {
  id: ComponentId,
  /** Display name; defaults to the id. */
  name: z.string().max(60, { error: 'must be at most 60 characters' }).optional(),
  parallelism: int(1, 64).default(1),
  /** Virtual ms an instance spends on each event (its service time). */
  cost: cost.default(1),
  /** Where the editor draws the node; ignored by the engine. */
  position: Position.optional(),
};

/** How generated records look: keys, values and event-time disorder. */
const generated = {
  /** Number of distinct keys (`k0` … `k{n-1}`). */
  keys: int(1, 1_000_000).default(10),
  distribution: z.enum(['uniform', 'skewed'], { error: 'must be "uniform" or "skewed"' }).default('uniform'),
  /** Zipf exponent for the skewed distribution. */
  skew: num(0.1, 5).default(1.2),
  /** Values are integers drawn uniformly from [min, max]. */
  value: z
    .strictObject({ min: int(-1e9, 1e9), max: int(-1e9, 1e9) })
    .refine((v) => v.min <= v.max, { error: 'min must be ≤ max' })
    .default({ min: 1, max: 1 }),
  /** Event time lags arrival by a uniform delay in [0, disorder] ms. */
  disorder: durationMs.default(0),
};

/**
 * How a source assigns event-time watermarks, per partition (the source instance emits the minimum
 * over its active partitions).
 */
export const WatermarkStrategy = z.discriminatedUnion(
  'strategy',
  [
    /** No event time: no watermarks (windows on watermarks cannot run downstream). */
    z.strictObject({ strategy: z.literal('none') }),
    /** Flink's BoundedOutOfOrdernessWatermarks: periodically, watermark = max event time seen − bound − 1. */
    z.strictObject({
      strategy: z.literal('bounded-out-of-orderness'),
      /** How far behind the newest event time a record may still arrive, in ms. */
      bound: durationMs,
      /** Processing-time ms between periodic watermarks (Flink's autoWatermarkInterval). */
      interval: positiveMs('watermarks are emitted periodically').default(200),
      /** A partition with no record for longer than this is idle and no longer holds event time back. */
      idleTimeout: positiveMs('a partition is idle only after some time without data').optional(),
    }),
    /** A records-source timeline's explicit watermark entries (punctuated watermarks). */
    z.strictObject({
      strategy: z.literal('punctuated'),
      interval: positiveMs('idleness is checked periodically').default(200),
      idleTimeout: positiveMs('a partition is idle only after some time without data').optional(),
    }),
  ],
  { error: 'strategy must be "none", "bounded-out-of-orderness" or "punctuated"' },
);

const watermarks = {
  /** Event-time watermarks (default: none; a records-source with watermark entries: punctuated). */
  watermarks: WatermarkStrategy.optional(),
};

const GeneratorSource = z.strictObject({
  ...common,
  kind: z.literal('generator-source'),
  cost: cost.default(0),
  ...watermarks,
  /** Events per second (virtual), over all partitions. */
  rate: num(0.001, 10_000_000, ' events/s'),
  /** Partitions of the generated log; defaults to the parallelism. */
  partitions: int(1, 256).optional(),
  /** Stop after this many records (default: generate for the whole run). */
  count: int(0, 1e9).optional(),
  ...generated,
});

const LogSource = z.strictObject({
  ...common,
  kind: z.literal('log-source'),
  cost: cost.default(0),
  ...watermarks,
  partitions: int(1, 256).default(1),
  /** Records already in the log at time 0. */
  prefill: int(0, 1e9).default(0),
  /** Records appended per second after time 0 (0: none). */
  rate: num(0, 10_000_000, ' events/s').default(0),
  ...generated,
});

export const RecordEntry = z.strictObject({
  key: z.string({ error: 'must be a string' }).max(100),
  /** The value; null is a tombstone (a changelog's delete, for table joins). */
  value: z.number({ error: 'must be a number or null' }).nullable(),
  /** Event time in ms; defaults to the arrival time. */
  eventTime: z.number({ error: 'must be a number' }).optional(),
  /** Arrival (processing) time in ms: when the record is appended to the log. */
  at: durationMs,
  /** Partition of the log; defaults to the key's hash modulo the partition count. */
  partition: int(0, 255).optional(),
});

/** A timeline's explicit watermark: at processing time `at`, event time reaches `watermark` on the partition (all, if omitted). */
export const WatermarkEntry = z.strictObject({
  watermark: z.number({ error: 'must be a number (ms of event time)' }),
  at: durationMs,
  partition: int(0, 255).optional(),
});

/** A timeline's processing-time advance: nothing happens, but the run goes on until `at` (processing-time timers fire). */
export const AdvanceEntry = z.strictObject({
  advance: z.literal('processing-time', { error: 'must be "processing-time"' }),
  at: durationMs,
});

export const TimelineEntry = z.union([RecordEntry, WatermarkEntry, AdvanceEntry], {
  error:
    'each entry is a record {key, value, at, eventTime?}, a watermark {watermark, at} or a time advance {advance: "processing-time", at}',
});

const RecordsSource = z.strictObject({
  ...common,
  kind: z.literal('records-source'),
  cost: cost.default(0),
  ...watermarks,
  partitions: int(1, 256).default(1),
  /** The timeline: records, and optionally explicit watermarks and processing-time advances. */
  records: z.array(TimelineEntry).max(100_000, { error: 'at most 100000 entries' }),
});

const MapFn = z.discriminatedUnion(
  'op',
  [
    z.strictObject({ op: z.literal('identity') }),
    z.strictObject({ op: z.literal('scale'), factor: num(-1e6, 1e6) }),
    z.strictObject({ op: z.literal('add'), amount: num(-1e9, 1e9) }),
    /** New key `k{hash(id) % keys}`: spreads records over a new key space. */
    z.strictObject({ op: z.literal('rekey'), keys: int(1, 1_000_000) }),
    /** Value becomes a deterministic score 0..99 derived from the record id and the salt. */
    z.strictObject({ op: z.literal('score'), salt: z.string().max(40) }),
  ],
  {
    error:
      'must be one of {op:"identity"}, {op:"scale",factor}, {op:"add",amount}, {op:"rekey",keys}, {op:"score",salt}',
  },
);

const Predicate = z.discriminatedUnion(
  'op',
  [
    z.strictObject({ op: z.literal('min-value'), threshold: z.number() }),
    z.strictObject({ op: z.literal('key-in'), keys: z.array(z.string()).max(1000) }),
    /** Keeps a deterministic fraction of records, chosen by a hash of the record id. */
    z.strictObject({ op: z.literal('sample'), rate: probability }),
  ],
  { error: 'must be one of {op:"min-value",threshold}, {op:"key-in",keys}, {op:"sample",rate}' },
);

const KeyBy = z.enum(['key', 'id'], { error: 'must be "key" or "id"' }).default('key');

const MapOp = z.strictObject({ ...common, kind: z.literal('map'), fn: MapFn.default({ op: 'identity' }) });
const FilterOp = z.strictObject({ ...common, kind: z.literal('filter'), predicate: Predicate });
const CountOp = z.strictObject({ ...common, kind: z.literal('count'), keyBy: KeyBy });
const SumOp = z.strictObject({ ...common, kind: z.literal('sum'), keyBy: KeyBy });
const AnalyzerOp = z.strictObject({
  ...common,
  kind: z.literal('analyzer'),
  /** The external store it reads (an outage makes every lookup fail). */
  store: ComponentId.default('fraud-store'),
  /** classify: key becomes "fraud" or "legit" (value 1); score: value becomes a risk score 0..99. */
  mode: z.enum(['classify', 'score'], { error: 'must be "classify" or "score"' }).default('classify'),
  /** Fraction of transactions the store reports as fraud (chosen by a hash of the record id). */
  fraudRate: probability.default(0.1),
});
const DedupeOp = z.strictObject({ ...common, kind: z.literal('dedupe') });
/** Emits one record per `size` inputs (per instance), with their sum, anchored to all of them. */
const BatchOp = z.strictObject({ ...common, kind: z.literal('batch'), size: int(1, 10_000).default(10) });

/** Which clock closes windows: watermarks (Flink, Beam), or the task's stream time — the largest event time seen (Kafka Streams). */
const Clock = z
  .enum(['watermark', 'stream-time'], { error: 'must be "watermark" or "stream-time"' })
  .default('watermark');

/** Window assigners; windows are [start, end), and a window's results carry the timestamp end − 1. */
const WindowAssigner = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('tumbling'),
      size: positiveMs('a window must span some time'),
      offset: durationMs.default(0),
    }),
    /** Flink's sliding windows, Kafka Streams' hopping windows: every `slide` ms a window of `size` ms. */
    z.strictObject({
      type: z.enum(['hopping', 'sliding']),
      size: positiveMs('a window must span some time'),
      slide: positiveMs('windows must start at different times'),
      offset: durationMs.default(0),
    }),
    /**
     * A key's elements closer than `gap` form one session. Sessions that exactly touch are merged
     * (Flink) or kept apart (Beam: `touching: "separate"`).
     */
    z.strictObject({
      type: z.literal('session'),
      gap: positiveMs('a session needs a gap of inactivity to end'),
      touching: z.enum(['merge', 'separate'], { error: 'must be "merge" or "separate"' }).default('merge'),
    }),
    /** One window per key that never ends: it fires only by a count trigger. */
    z.strictObject({ type: z.literal('global') }),
  ],
  { error: 'type must be "tumbling", "hopping" (or "sliding"), "session" or "global"' },
);

export const AGGREGATES = ['count', 'sum', 'min', 'max', 'average', 'list'] as const;

/**
 * A keyed window aggregate. Fires on the clock passing the window's end (by default), plus optional
 * early firings, late firings (one per accepted late element) and a count trigger; emits panes.
 */
const WindowOp = z.strictObject({
  ...common,
  kind: z.literal('window'),
  window: WindowAssigner,
  aggregate: z.enum(AGGREGATES, { error: `must be one of ${AGGREGATES.join(', ')}` }).default('count'),
  clock: Clock,
  /**
   * window-close: a pane when the clock passes the window's end (Flink's EventTimeTrigger; Kafka
   * Streams' suppress(untilWindowCloses)). every-update: a pane on every element (Kafka Streams'
   * default), none at the end.
   */
  emit: z
    .enum(['window-close', 'every-update'], { error: 'must be "window-close" or "every-update"' })
    .default('window-close'),
  /** Early firings before the window's end: every N ms of processing time, or on every element. */
  early: z
    .union(
      [z.strictObject({ every: positiveMs('early firings need a period') }), z.literal('every-element')],
      {
        error: 'must be {"every": ms} or "every-element"',
      },
    )
    .optional(),
  /** Count trigger: a pane every `count` elements (global windows need one). */
  count: int(1, 1_000_000).optional(),
  /** What a pane holds: what came since the last pane, or everything so far (with a retraction of the last pane). */
  accumulation: z
    .enum(['discarding', 'accumulating', 'accumulating-retracting'], {
      error: 'must be "discarding", "accumulating" or "accumulating-retracting"',
    })
    .default('accumulating'),
  /** How long after its end a window still accepts late elements (Kafka Streams: grace). */
  allowedLateness: num(0, 1e13, ' ms').default(0),
  /** Elements later than that: dropped and counted, or sent along the component's "late" edges. */
  lateData: z.enum(['drop', 'side-output'], { error: 'must be "drop" or "side-output"' }).default('drop'),
});

/** What a join's output value is. */
const JoinValue = z
  .enum(['left', 'right', 'sum'], { error: 'must be "left", "right" or "sum"' })
  .default('left');

/**
 * Windowed stream-stream join by key (Kafka Streams' KStream-KStream join): a left and a right
 * record join when the right one's event time is within [left − before, left + after] (inclusive).
 * Unmatched records of a left or outer join are emitted, with a null partner, when their window
 * closes (after the grace).
 */
const JoinOp = z.strictObject({
  ...common,
  kind: z.literal('join'),
  type: z.enum(['inner', 'left', 'outer'], { error: 'must be "inner", "left" or "outer"' }).default('inner'),
  /** The input components on the left and on the right. */
  left: ComponentId,
  right: ComponentId,
  before: durationMs,
  after: durationMs,
  grace: durationMs.default(0),
  clock: Clock,
  value: JoinValue,
});

/**
 * Stream-table join (Kafka Streams' KStream-KTable join): the table input is a changelog (latest
 * value per key; a null value deletes); each stream record is enriched on arrival; table updates
 * alone emit nothing.
 */
const TableJoinOp = z.strictObject({
  ...common,
  kind: z.literal('table-join'),
  type: z.enum(['inner', 'left'], { error: 'must be "inner" or "left"' }).default('inner'),
  stream: ComponentId,
  table: ComponentId,
  value: JoinValue,
});

const AppendSink = z.strictObject({ ...common, kind: z.literal('append-sink') });
const UpsertSink = z.strictObject({
  ...common,
  kind: z.literal('upsert-sink'),
  keyBy: KeyBy,
  /**
   * DDIA's idempotence with offsets: keep, per key, the id of the event that last wrote it, and
   * skip a write from the same or an earlier event (a replay).
   */
  skipReplays: z.boolean({ error: 'must be true or false' }).default(false),
});
/**
 * Two-phase-commit sink (Flink's TwoPhaseCommitSinkFunction): writes go into a transaction per
 * checkpoint, pre-committed at the barrier and committed when the checkpoint completes. Readers see
 * committed rows only.
 */
const TransactionalSink = z.strictObject({
  ...common,
  kind: z.literal('transactional-sink'),
  /**
   * The store aborts a transaction still uncommitted this long after its first write (Kafka's
   * transaction.timeout.ms); committing it later fails and its rows are lost. Omitted: never.
   */
  transactionTimeout: positiveMs('a transaction needs time to reach its commit').optional(),
});

export const SOURCE_KINDS = ['generator-source', 'log-source', 'records-source'] as const;
export const OPERATOR_KINDS = [
  'map',
  'filter',
  'count',
  'sum',
  'analyzer',
  'dedupe',
  'batch',
  'window',
  'join',
  'table-join',
] as const;
export const SINK_KINDS = ['append-sink', 'upsert-sink', 'transactional-sink'] as const;
export const COMPONENT_KINDS = [...SOURCE_KINDS, ...OPERATOR_KINDS, ...SINK_KINDS] as const;

export const ComponentSpec = z.discriminatedUnion(
  'kind',
  [
    GeneratorSource,
    LogSource,
    RecordsSource,
    MapOp,
    FilterOp,
    CountOp,
    SumOp,
    AnalyzerOp,
    DedupeOp,
    BatchOp,
    WindowOp,
    JoinOp,
    TableJoinOp,
    AppendSink,
    UpsertSink,
    TransactionalSink,
  ],
  { error: `kind must be one of ${COMPONENT_KINDS.join(', ')}` },
);

export const EdgeSpec = z.strictObject({
  from: ComponentId,
  to: ComponentId,
  /** shuffle: round-robin; fields: hash of a field; all: broadcast; global: instance 0. */
  grouping: z
    .enum(['shuffle', 'fields', 'all', 'global'], { error: 'must be "shuffle", "fields", "all" or "global"' })
    .default('shuffle'),
  /** The field that fields grouping hashes. */
  field: z.enum(['key', 'id', 'value'], { error: 'must be "key", "id" or "value"' }).default('key'),
  /** Elements a channel (one per sender and receiver instance) can hold, in transit and queued. */
  capacity: int(1, 1_000_000).default(64),
  /** Virtual ms from send to arrival. */
  latency: durationMs.default(1),
  /** block: a full channel blocks its sender (backpressure); drop: the new element is dropped. */
  overflow: z.enum(['block', 'drop'], { error: 'must be "block" or "drop"' }).default('block'),
  /** Which output of the sender it carries: its results, or a window's late elements (side output). */
  output: z.enum(['main', 'late'], { error: 'must be "main" or "late"' }).default('main'),
});

export const JobSpec = z.strictObject({
  components: z.array(ComponentSpec).min(1, { error: 'a job needs at least one component' }).max(64),
  edges: z.array(EdgeSpec).max(512).default([]),
});

const target = { component: ComponentId, instance: int(0, 63).optional() };
const span = { duration: durationMs.default(1000) };
const edgeRef = { from: ComponentId, to: ComponentId };

/** The failure primitives. Each maps to a real failure mode of a streaming job. */
const failureShapes = {
  /** The instance loses its in-memory state, its queues and in-flight events; it restarts later. */
  crash: { action: z.literal('crash'), ...target, restartAfter: durationMs.default(1000) },
  /** Processing fails with the given probability for a span of time (a transient bug). */
  failEvents: { action: z.literal('fail-events'), ...target, probability: probability.default(1), ...span },
  /** Every lookup in the store fails for a span of time. */
  storeOutage: { action: z.literal('store-outage'), store: ComponentId, ...span },
  /** Messages on an edge are dropped with the given probability for a span of time. */
  drop: { action: z.literal('drop'), ...edgeRef, probability: probability.default(1), ...span },
  /** Messages on an edge take `extra` ms longer for a span of time. */
  delay: { action: z.literal('delay'), ...edgeRef, extra: durationMs, ...span },
  /** The instance's service time is multiplied by `factor` for a span of time. */
  slow: { action: z.literal('slow'), ...target, factor: num(1, 10_000), ...span },
  /** The checkpoint storage fails for a span of time: checkpoints are declined and aborted. */
  storageFailure: { action: z.literal('checkpoint-storage-failure'), ...span },
  /** Notices that a checkpoint completed are lost for a span of time (the next one covers them). */
  lostNotices: { action: z.literal('lose-checkpoint-notices'), ...span },
  /** An acknowledger instance crashes: the trees it tracked are lost (their roots time out). */
  crashAcker: {
    action: z.literal('crash-acker'),
    instance: int(0, 15).default(0),
    restartAfter: durationMs.default(1000),
  },
};

const actionError = {
  error:
    'action must be one of crash, fail-events, store-outage, drop, delay, slow, crash-acker, checkpoint-storage-failure, lose-checkpoint-notices',
};

/** A failure injected now (by a click in the playground, or through the engine API). */
export const FailureAction = z.discriminatedUnion(
  'action',
  [
    z.strictObject(failureShapes.crash),
    z.strictObject(failureShapes.failEvents),
    z.strictObject(failureShapes.storeOutage),
    z.strictObject(failureShapes.drop),
    z.strictObject(failureShapes.delay),
    z.strictObject(failureShapes.slow),
    z.strictObject(failureShapes.crashAcker),
    z.strictObject(failureShapes.storageFailure),
    z.strictObject(failureShapes.lostNotices),
  ],
  actionError,
);

/** A failure in a scenario's script, injected at virtual time `at`. */
export const ScheduledFailure = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ at: durationMs, ...failureShapes.crash }),
    z.strictObject({ at: durationMs, ...failureShapes.failEvents }),
    z.strictObject({ at: durationMs, ...failureShapes.storeOutage }),
    z.strictObject({ at: durationMs, ...failureShapes.drop }),
    z.strictObject({ at: durationMs, ...failureShapes.delay }),
    z.strictObject({ at: durationMs, ...failureShapes.slow }),
    z.strictObject({ at: durationMs, ...failureShapes.crashAcker }),
    z.strictObject({ at: durationMs, ...failureShapes.storageFailure }),
    z.strictObject({ at: durationMs, ...failureShapes.lostNotices }),
  ],
  actionError,
);

export const SEMANTICS = ['at-most-once', 'at-least-once', 'exactly-once'] as const;
export const Semantics = z.enum(SEMANTICS, { error: `must be one of ${SEMANTICS.join(', ')}` });

export const ACK_MODES = ['acking', 'checkpoint'] as const;
/** How at-least-once is achieved: Storm's acknowledger, or checkpointed source offsets. */
export const AckMode = z.enum(ACK_MODES, { error: 'must be "acking" or "checkpoint"' });

/** Storm's acking settings (at-least-once, ackMode "acking"). */
export const AckingSettings = z.strictObject({
  /** A tree not completed within timeout..2×timeout after its emission is failed and replayed (Storm's message timeout). */
  timeout: positiveMs('with no time to complete, every event would be failed and replayed forever').default(
    3000,
  ),
  /** Roots in flight per source instance; the source stops reading at this limit (max.spout.pending). */
  maxPending: z
    .number({ error: 'must be an integer 1..1000000' })
    .int({ error: 'must be an integer 1..1000000' })
    .min(1, { error: 'must be at least 1 (with 0 in flight a source could never emit)' })
    .max(1_000_000, { error: 'must be an integer 1..1000000' })
    .default(1000),
  /** Acknowledger instances; a root is tracked by acker root mod ackers. */
  ackers: int(1, 16).default(1),
  /** Virtual ms for an acker's ack or fail to reach the source. */
  ackLatency: durationMs.default(1),
});

/**
 * Whether and when the job comes back after a failure (Flink's restart strategies): after a fixed
 * delay, at most `attempts` times; after a delay, unless more than `maxFailures` failures happened
 * within `interval`; or never.
 */
export const RestartStrategy = z.discriminatedUnion(
  'strategy',
  [
    z.strictObject({
      strategy: z.literal('fixed-delay'),
      delay: durationMs.default(500),
      attempts: int(0, 2147483647).default(2147483647),
    }),
    z.strictObject({
      strategy: z.literal('failure-rate'),
      delay: durationMs.default(500),
      maxFailures: int(1, 1_000_000).default(3),
      interval: positiveMs('failures are counted over a span of time').default(60_000),
    }),
    z.strictObject({ strategy: z.literal('none') }),
  ],
  { error: 'strategy must be "fixed-delay", "failure-rate" or "none"' },
);

/** Checkpointing settings (exactly-once, and at-least-once with ackMode "checkpoint"). */
export const CheckpointSettings = z.strictObject({
  /** Virtual ms between checkpoints. */
  interval: positiveMs('checkpoints need time between them').default(1000),
  /** A checkpoint not complete this long after its trigger is aborted (a failed checkpoint). */
  timeout: positiveMs('a checkpoint needs time to complete').default(10_000),
  /** At least this long between the end of one checkpoint and the next trigger. */
  minPause: durationMs.default(0),
  /** Checkpoints in progress at once. */
  maxConcurrent: int(1, 16).default(1),
  /** Consecutive failed checkpoints the job tolerates; one more fails the job over. */
  tolerableFailures: int(0, 1_000_000).default(0),
  /** Completed checkpoints kept in the checkpoint store (older ones are cleaned up). */
  retained: int(1, 100).default(3),
  restart: RestartStrategy.default({ strategy: 'fixed-delay', delay: 500, attempts: 2147483647 }),
});

export const ScenarioSpec = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'must be 1 (the only scenario format version)' }).default(1),
  title: z.string().max(120).default('Untitled'),
  description: z.string().max(4000).default(''),
  seed: int(0, 4294967295).default(1),
  semantics: Semantics.default('at-most-once'),
  /** At-least-once: track trees with the acknowledger, or checkpoint source offsets. */
  ackMode: AckMode.default('acking'),
  acking: AckingSettings.default(AckingSettings.parse({})),
  checkpointing: CheckpointSettings.default(CheckpointSettings.parse({})),
  /** Virtual ms during which generators produce input; the run then drains. */
  runFor: num(1, 1e8, ' ms').default(10_000),
  job: JobSpec,
  failures: z.array(ScheduledFailure).max(1000).default([]),
});
