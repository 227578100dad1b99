import { z } from 'zod';
import { Count, Time } from '../common.ts';

/**
 * The acknowledger panel (Storm's acker, at-least-once by acking): the counters, each source
 * instance's pending buffer, each acker instance's ledger, the recent roots, and one root's tuple
 * tree with its XOR ack value, its attempts and replays. Instances go by name (`analyzer#1`).
 *
 * Caps, so a frame stays small while it is built ~60 times a second: at most 60 roots listed, 200
 * edges per tree, 12 pending entries per source instance and 12 ledger rows per acker instance, 8
 * other roots per multi-anchored tuple, 20 attempts per event. The counts beside them say how many
 * there are in all.
 */

/** Which roots the picker lists: all, those that failed or timed out, those still pending, replays. */
export const ACKER_FILTERS = ['all', 'failed', 'pending', 'replays'] as const;
export const AckerFilter = z.enum(ACKER_FILTERS);
export type AckerFilter = z.infer<typeof AckerFilter>;

/** What the UI asks of the acker panel. */
export const AckerRequest = z.object({
  /** The root whose tree to show; null or absent: follow the latest root the filter lets through. */
  root: Count.nullable().optional(),
  /** Which roots the picker lists (default all). */
  filter: AckerFilter.optional(),
});
export type AckerRequest = z.infer<typeof AckerRequest>;

/** lost: its source instance crashed while it was pending (the log delivers the event again). */
export const TreeStatus = z.enum(['pending', 'acked', 'failed', 'timed-out', 'lost']);
export type TreeStatus = z.infer<typeof TreeStatus>;
export const EdgeStatus = z.enum(['pending', 'acked', 'failed']);
export type EdgeStatus = z.infer<typeof EdgeStatus>;

/** A 64-bit id (an edge id, an ack value) as 16 hex digits. */
const Hex64 = z.string().regex(/^[0-9a-f]{16}$/);

/** One root (one emission of a source event), as the picker lists it. */
export const AckRoot = z.object({
  root: Count,
  /** Lineage id of the source event (the same for every attempt). */
  event: Count,
  /** Source instance that emitted it. */
  source: z.string(),
  /** The message id: the log's partition and offset (a replay has the same). */
  partition: Count,
  offset: Count,
  /** 1 for the first emission, +1 per replay. */
  attempt: Count,
  status: TreeStatus,
  emittedAt: Time,
  completedAt: Time.nullable(),
});
export type AckRoot = z.infer<typeof AckRoot>;

/** One tuple of a tree: the edge that created it, from which instance to which, and its fate. */
export const AckTreeEdge = z.object({
  id: Hex64,
  /** The edge of the tuple it was emitted from (null: a first tuple of the source). */
  parent: Hex64.nullable(),
  from: z.string(),
  to: z.string(),
  /** The receiver's role: an acked tuple at a sink ended where it should. */
  toRole: z.enum(['source', 'operator', 'sink']),
  status: EdgeStatus,
  createdAt: Time,
  settledAt: Time.nullable(),
  /** Acked by an operator that emitted nothing from it in this tree: filtered out, an early out. */
  earlyOut: z.boolean(),
  /** A multi-anchored tuple (a batch): how many roots it is anchored to (1: this tree only)… */
  anchoredTo: Count,
  /** …and the others (at most 8). */
  alsoRoots: z.array(Count),
});
export type AckTreeEdge = z.infer<typeof AckTreeEdge>;

/** One emission of the shown event: its root, attempt, why it was emitted, and how it ended. */
export const AckAttempt = z.object({
  root: Count,
  attempt: Count,
  emittedAt: Time,
  /** first: read from the log (again after a source crash); failed / timed-out: a replay, and why. */
  cause: z.enum(['first', 'failed', 'timed-out']),
  /** Null when its tree is no longer kept (only the newest roots' trees are). */
  status: TreeStatus.nullable(),
});
export type AckAttempt = z.infer<typeof AckAttempt>;

export const AckTreeDetail = AckRoot.extend({
  /** The acker's value for the root: the XOR of the edges created and not yet acked. */
  ackValue: Hex64,
  /** XOR of the ids of the edges this tree still shows pending (equals ackValue while the acker holds the root). */
  pendingXor: Hex64,
  /** The acker instance that tracks the root (root mod ackers), whether it is up, whether it holds a row for it. */
  acker: z.string(),
  ackerUp: z.boolean(),
  inLedger: z.boolean(),
  /** In order of creation; at most 200. */
  edges: z.array(AckTreeEdge),
  edgesTotal: Count,
  /** The emission this one replays, and the replay of this one (null: none, or none yet). */
  replayOf: Count.nullable(),
  replayedAs: Count.nullable(),
  /** Every emission of the event, oldest first (at most 20, the newest). */
  attempts: z.array(AckAttempt),
  /** Times delivered of the event at each sink (the book's counter: a replay can deliver twice). */
  delivered: z.array(z.object({ sink: z.string(), times: Count })),
});
export type AckTreeDetail = z.infer<typeof AckTreeDetail>;

export const AckerStatsView = z.object({
  emitted: Count,
  acked: Count,
  failed: Count,
  timedOut: Count,
  replayed: Count,
  pending: Count,
  pendingMax: Count,
  completeLatency: z.object({ p50: z.number(), p99: z.number(), mean: z.number(), count: Count }),
});
export type AckerStatsView = z.infer<typeof AckerStatsView>;

export const AckPendingEntry = z.object({
  root: Count,
  event: Count,
  partition: Count,
  offset: Count,
  attempt: Count,
  emittedAt: Time,
  /** When it times out if nothing comes (null: no timeout tick scheduled). */
  expiresAt: Time.nullable(),
});
export type AckPendingEntry = z.infer<typeof AckPendingEntry>;

export const AckSourceView = z.object({
  name: z.string(),
  pendingCount: Count,
  /** Failed or timed-out messages waiting to be emitted again. */
  replayQueue: Count,
  /** At max pending: the source reads nothing new until a root completes. */
  atLimit: z.boolean(),
  /** Oldest first, at most 12. */
  pending: z.array(AckPendingEntry),
});
export type AckSourceView = z.infer<typeof AckSourceView>;

export const AckLedgerRow = z.object({
  root: Count,
  value: Hex64,
  /** Source instance to tell (null: its init has not come yet). */
  source: z.string().nullable(),
  failed: z.boolean(),
});
export type AckLedgerRow = z.infer<typeof AckLedgerRow>;

export const AckAckerView = z.object({
  name: z.string(),
  up: z.boolean(),
  count: Count,
  /** By root, at most 12. */
  rows: z.array(AckLedgerRow),
});
export type AckAckerView = z.infer<typeof AckAckerView>;

/** The run does not track trees: which semantics it uses instead. */
export const AckerOff = z.object({
  mode: z.literal('off'),
  semantics: z.enum(['at-most-once', 'at-least-once', 'exactly-once']),
  ackMode: z.enum(['acking', 'checkpoint']),
});

export const AckerOn = z.object({
  mode: z.literal('acking'),
  /** The engine's virtual time (ms). */
  time: Time,
  settings: z.object({ timeout: Time, maxPending: Count, ackers: Count, ackLatency: Time }),
  /** The counters, equal to the CLI's `acker` (`npm run sim -- file --json --until T`). */
  stats: AckerStatsView,
  /** When the next timeout tick fires (null: none scheduled, nothing in flight). */
  nextTick: Time.nullable(),
  sources: z.array(AckSourceView),
  ackers: z.array(AckAckerView),
  filter: AckerFilter,
  /** Following the latest root (the request named none). */
  following: z.boolean(),
  /** The roots the filter lets through, newest first, at most 60; how many match; how many trees are kept. */
  roots: z.array(AckRoot),
  matching: Count,
  kept: Count,
  /** The root shown (null: none yet, or the one asked for is no longer kept: see `missing`). */
  tree: AckTreeDetail.nullable(),
  missing: Count.nullable(),
});

/** The acker panel's view: the acknowledger: a source event's tree, the pending buffers, the acker's ledger and counters. */
export const AckerView = z.discriminatedUnion('mode', [AckerOff, AckerOn]);
export type AckerView = z.infer<typeof AckerView>;
export type AckerOnView = z.infer<typeof AckerOn>;
