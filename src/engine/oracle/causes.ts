import type { RecoveryRecord } from '../checkpoint/Checkpointing.ts';
import type { AppliedFailure, CrashRecord, LossRecord, ReplayRecord } from '../model/trace.ts';
import type { TxnState } from '../operators/TransactionalTable.ts';

/**
 * What the engine recorded about a run that can explain its output: the output panel's evidence.
 * Plain data, taken from the run at the moment of the comparison.
 */
export interface OutputRecords {
  /** The first loss of each lost event. */
  readonly losses: readonly LossRecord[];
  /** Every re-emission of an event by its source. */
  readonly replays: readonly ReplayRecord[];
  /** Every failover of the job (checkpointing). */
  readonly recoveries: readonly RecoveryRecord[];
  readonly crashes: readonly CrashRecord[];
  /** Every failure applied, scripted or injected. */
  readonly failures: readonly AppliedFailure[];
  /** Checkpointing: whether the job is running, restarting after a failover, or failed for good. */
  readonly job: 'running' | 'restarting' | 'failed';
  /** Whether a failover gives every operator its checkpointed state back (exactly-once). */
  readonly restoresState: boolean;
  /** Component id → the store its lookups use (analyzers): a store outage explains their failures. */
  readonly stores: ReadonlyMap<string, string>;
  /** Events the run holds short of the sink's visible rows, and where. */
  readonly held: ReadonlyMap<number, Held>;
  /**
   * What the run's sources did with the event: not read it yet, read it and will read it again
   * (their position went back before it: a rewind), or read it.
   */
  readonly reading: (id: number) => 'unread' | 'again' | 'read';
}

/** Where the run holds an event that has not reached the sink's visible rows yet. */
export type Held =
  /** In a channel: on its way, or queued before an instance. */
  | { readonly kind: 'in-flight'; readonly where: string }
  /** Written into a transaction of the sink that is not committed yet. */
  | {
      readonly kind: 'uncommitted';
      readonly txn: number;
      readonly state: TxnState;
      readonly checkpoint: number | null;
    }
  /** Acking: emitted, its tree not complete yet (the source replays it if the tree fails or times out). */
  | { readonly kind: 'tree-pending'; readonly where: string; readonly attempt: number };

/** A cause told two ways: for one row, and for every row it explains (to count them). */
export interface Told {
  readonly text: string;
  readonly summary: string;
}

/** Virtual time as the panel shows it. */
export function at(t: number): string {
  return `t=${Number.isInteger(t) ? t : t.toFixed(1)} ms`;
}

/** Why an event was lost (`loss`), in the words of the output panel. */
export function tellLoss(loss: LossRecord, records: OutputRecords): Told {
  const where = loss.where;
  switch (loss.reason) {
    case 'crashed-queued': {
      const s = `lost when ${where} crashed at ${at(loss.time)} (it was queued there)`;
      return { text: s, summary: s };
    }
    case 'crashed-in-flight': {
      const s = `lost when ${where} crashed at ${at(loss.time)} (its output had not left yet)`;
      return { text: s, summary: s };
    }
    case 'instance-down': {
      const crash = lastBefore(
        records.crashes.filter((c) => c.where === where),
        loss.time,
      );
      const since = crash ? `, crashed at ${at(crash.time)}` : '';
      return {
        text: `lost when ${where} was down${since}: it arrived at ${at(loss.time)}`,
        summary: `lost when ${where} was down${since}`,
      };
    }
    case 'processing-failed': {
      const why = failureNote(where, loss.time, records);
      return {
        text: `lost at ${at(loss.time)}: processing failed at ${where}${why}`,
        summary: `lost: processing failed at ${where}${why}`,
      };
    }
    case 'dropped': {
      const why = dropNote(where, loss.time, records);
      return {
        text: `dropped on ${where} at ${at(loss.time)}${why}`,
        summary: `dropped on ${where}${why}`,
      };
    }
    case 'job-failed':
      return {
        text: `lost when the job failed for good at ${at(loss.time)} (it was on ${where})`,
        summary: `lost when the job failed for good at ${at(loss.time)}`,
      };
    case 'transaction-expired':
      return {
        text: `lost at ${at(loss.time)}: the store expired its transaction at ${where} before the commit`,
        summary: `lost: the store expired a transaction at ${where} before its commit`,
      };
  }
}

/** Why an event was emitted again (`replay`). */
export function tellReplay(replay: ReplayRecord, records: OutputRecords): Told {
  if (replay.cause === 'rewind') {
    const recovery = lastBefore(
      records.recoveries.map((r) => ({ ...r, time: r.at })),
      replay.time,
    );
    const failover = recovery ? ` (failover at ${at(recovery.at)}: ${recovery.reason})` : '';
    const restored =
      replay.checkpoint == null
        ? `replayed from the start after the failover, no checkpoint having completed${failover}`
        : `replayed after checkpoint ${replay.checkpoint} was restored${failover}`;
    return { text: `${restored}; read again by ${replay.where} at ${at(replay.time)}`, summary: restored };
  }
  const tree = replay.cause === 'failed' ? 'its tree failed' : 'its tree timed out';
  return {
    text: `replayed by its source after ${tree} (attempt ${replay.attempt}, ${at(replay.time)})`,
    summary: `replayed by its source after ${tree}`,
  };
}

/** Where the run holds an event that the sink does not show yet. */
export function tellHeld(held: Held): Told {
  switch (held.kind) {
    case 'in-flight':
      return {
        text: `not written yet: still on its way (on ${held.where})`,
        summary: 'not written yet: still on its way',
      };
    case 'uncommitted': {
      const state =
        held.state === 'pre-committed' ? `pre-committed at checkpoint ${held.checkpoint}` : 'open';
      return {
        text: `written into transaction ${held.txn} (${state}), not committed yet`,
        summary: 'in a transaction not committed yet',
      };
    }
    case 'tree-pending':
      return {
        text: `not written yet: its tree is still pending at ${held.where} (attempt ${held.attempt})`,
        summary: 'not written yet: its tree is still pending',
      };
  }
}

/** A crash that threw state away (`key`: the row's key, when the crash's record names it). */
export function tellCrash(crash: CrashRecord, key: string | null): Told {
  const n = crash.stateEntries;
  const lost =
    key === null ? `its state (${n} ${n === 1 ? 'entry' : 'entries'})` : `its state, ${key}'s among it`;
  const s = `${crash.where} crashed at ${at(crash.time)} and lost ${lost}: it started over from nothing`;
  const summary = `${crash.where} crashed at ${at(crash.time)} and lost its state: it started over from nothing`;
  return { text: s, summary };
}

/** The latest of `items` at or before `time`. */
export function lastBefore<T extends { readonly time: number }>(
  items: readonly T[],
  time: number,
): T | undefined {
  let found: T | undefined;
  for (const item of items)
    if (item.time <= time && (found === undefined || item.time >= found.time)) found = item;
  return found;
}

/** The failure that made `instance` fail at `time`: a store outage its lookups hit, or fail-events. */
function failureNote(instance: string, time: number, records: OutputRecords): string {
  const { component, sub } = splitInstance(instance);
  const store = records.stores.get(component);
  for (const { time: from, failure } of records.failures) {
    if (!('duration' in failure) || time < from || time >= from + failure.duration) continue;
    if (failure.action === 'store-outage' && failure.store === store) return ` (${store} was down)`;
    if (
      failure.action === 'fail-events' &&
      failure.component === component &&
      (failure.instance === undefined || failure.instance === sub)
    )
      return ` (a fail-events failure was on)`;
  }
  return '';
}

/** A drop failure on the edge of channel `channel` (`a#0 → b#1`), or else a full channel. */
function dropNote(channel: string, time: number, records: OutputRecords): string {
  const [from, to] = channel.split(' → ').map((name) => splitInstance(name).component);
  for (const { time: start, failure } of records.failures) {
    if (failure.action !== 'drop' || failure.from !== from || failure.to !== to) continue;
    if (time >= start && time < start + failure.duration) return ' (a drop failure was on)';
  }
  return ' (its channel was full)';
}

function splitInstance(name: string): { component: string; sub: number } {
  const hash = name.lastIndexOf('#');
  return hash < 0
    ? { component: name, sub: 0 }
    : { component: name.slice(0, hash), sub: Number(name.slice(hash + 1)) };
}
