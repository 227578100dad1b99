import type { CrashRecord, LossRecord, ReplayRecord } from '../model/trace.ts';
import {
  at,
  lastBefore,
  type OutputRecords,
  tellCrash,
  tellHeld,
  tellLoss,
  tellReplay,
  type Told,
} from './causes.ts';
import type { DiffRow } from './rowDiff.ts';

export type { Held, OutputRecords } from './causes.ts';

/** What explains an anomaly: an event lost, not written yet, replayed, state lost — or nothing recorded. */
export type CauseKind = 'lost' | 'not-yet' | 'replayed' | 'state-lost' | 'none';

/** Why a row is missing, duplicated or wrong, from the engine's records. */
export interface Explanation {
  readonly cause: CauseKind;
  /** One sentence for the row: "lost when analyzer#1 crashed at t=6000 ms (it was queued there)". */
  readonly text: string;
  /** The same without what differs row by row: rows with equal summaries have the same cause. */
  readonly summary: string;
  /** The event the cause is about when it is another than the row's own (an earlier event of its key). */
  readonly event?: number;
}

const NO_CAUSE: Explanation = { cause: 'none', text: 'no recorded cause', summary: 'no recorded cause' };

/**
 * Explains each anomaly of a sink's row diff (null for correct rows), from the engine's records
 * only — "no recorded cause" when none fits.
 *
 * A row is tied to a record through its event, or through the events of its key: a running count
 * that misses the events lost before it has its last rows missing, not those of the lost events.
 * So, per key, the events the failure-free run wrote there and this run did not ("unaccounted":
 * lost, still held, never read) are handed out one to one to the missing rows, the row's own event
 * first; replayed events likewise to the duplicated rows. A wrong value is told with the nearest
 * cause before it was written: its event or one of its key replayed into state that was not
 * restored, a crash that threw state away, an event of its key lost.
 */
export function explainRows(rows: readonly DiffRow[], records: OutputRecords): (Explanation | null)[] {
  const ctx = new Context(rows, records);
  const out: (Explanation | null)[] = rows.map(() => null);
  const byKey = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.class === 'correct') return;
    const list = byKey.get(r.key);
    if (list) list.push(i);
    else byKey.set(r.key, [i]);
  });
  for (const [key, indices] of byKey) {
    const pick = (cls: DiffRow['class']) => indices.filter((i) => rows[i]!.class === cls);
    assignMissing(ctx, key, pick('missing'), rows, out);
    assignDuplicated(ctx, key, pick('duplicated'), rows, out);
    for (const i of pick('wrong')) out[i] = ctx.wrong(rows[i]!);
  }
  return out;
}

function assignMissing(
  ctx: Context,
  key: string,
  indices: readonly number[],
  rows: readonly DiffRow[],
  out: (Explanation | null)[],
): void {
  const pool = new Map<number, Explanation[]>();
  for (const id of ctx.unaccounted(key)) {
    const why = ctx.whereabouts(id);
    if (why !== null) pool.set(id, [why]);
  }
  handOut(indices, (i) => rows[i]!.expected!.id, pool, out);
}

function assignDuplicated(
  ctx: Context,
  key: string,
  indices: readonly number[],
  rows: readonly DiffRow[],
  out: (Explanation | null)[],
): void {
  if (indices.length === 0) return;
  const pool = new Map<number, Explanation[]>();
  for (const id of ctx.eventsOf(key)) {
    const replays = ctx.replays.get(id);
    if (replays !== undefined)
      pool.set(
        id,
        replays.map((r) => replayed(r, ctx.records)),
      );
  }
  handOut(indices, (i) => rows[i]!.actual!.id, pool, out);
}

/**
 * Hands causes out one to one: each row takes a cause of its own event if one is left, then the
 * other rows take what is left, in order; rows left without one have no recorded cause.
 */
function handOut(
  indices: readonly number[],
  eventOf: (i: number) => number,
  pool: Map<number, Explanation[]>,
  out: (Explanation | null)[],
): void {
  const rest: number[] = [];
  for (const i of indices) {
    const own = pool.get(eventOf(i))?.shift();
    if (own === undefined) rest.push(i);
    else out[i] = own;
  }
  const left = [...pool].flatMap(([event, causes]) => causes.map((why) => ofAnother(event, why)));
  rest.forEach((i, n) => {
    out[i] = left[n] ?? NO_CAUSE;
  });
}

/** The cause, told about another event of the row's key. */
function ofAnother(event: number, why: Explanation): Explanation {
  const verb = why.text.startsWith('not ') ? 'is' : 'was';
  return { ...why, text: `event ${event} of this key ${verb} ${why.text}`, event };
}

function replayed(replay: ReplayRecord, records: OutputRecords): Explanation {
  return { cause: 'replayed', ...tellReplay(replay, records) };
}

/** The records indexed by event and by key, for one diff. */
class Context {
  readonly losses = new Map<number, LossRecord>();
  readonly replays = new Map<number, ReplayRecord[]>();
  /** Key → events of that key, in the order the rows list them (expected side first). */
  private readonly keyEvents = new Map<string, Set<number>>();
  private readonly expectedEvents = new Map<string, number[]>();
  private readonly writtenEvents = new Map<string, Set<number>>();
  /** Crashes that threw state away for good (not restored by a failover), with the keys they held. */
  private readonly stateLost: { crash: CrashRecord; keys: ReadonlySet<string> | null }[];
  /** Memos: a key's wrong rows all ask the same questions (a long run has thousands of them). */
  private readonly unaccountedOf = new Map<string, number[]>();
  private readonly whereaboutsOf = new Map<number, Explanation | null>();
  private readonly firstReplayOf = new Map<string, { id: number; replay: ReplayRecord } | null>();

  constructor(
    rows: readonly DiffRow[],
    readonly records: OutputRecords,
  ) {
    for (const l of records.losses) this.losses.set(l.id, l);
    for (const r of records.replays) {
      const list = this.replays.get(r.id);
      if (list) list.push(r);
      else this.replays.set(r.id, [r]);
    }
    for (const r of rows) {
      if (r.expected !== null && r.class !== 'duplicated') {
        push(this.expectedEvents, r.key, r.expected.id);
        add(this.keyEvents, r.key, r.expected.id);
      }
      if (r.actual !== null) {
        add(this.writtenEvents, r.key, r.actual.id);
        add(this.keyEvents, r.key, r.actual.id);
      }
    }
    this.stateLost = (records.restoresState ? [] : records.crashes.filter((c) => c.stateEntries > 0)).map(
      (crash) => ({ crash, keys: crash.stateKeys === undefined ? null : new Set(crash.stateKeys) }),
    );
  }

  eventsOf(key: string): Iterable<number> {
    return this.keyEvents.get(key) ?? [];
  }

  /** Events the failure-free run wrote under `key` that this run did not (yet). */
  unaccounted(key: string): number[] {
    let out = this.unaccountedOf.get(key);
    if (out === undefined) this.unaccountedOf.set(key, (out = this.findUnaccounted(key)));
    return out;
  }

  private findUnaccounted(key: string): number[] {
    const written = this.writtenEvents.get(key);
    const seen = new Set<number>();
    const out: number[] = [];
    for (const id of this.expectedEvents.get(key) ?? []) {
      if (written?.has(id) || seen.has(id)) continue;
      seen.add(id);
      out.push(id);
    }
    return out;
  }

  /**
   * What became of an event this run has not written: on its way or in a transaction, lost (and
   * maybe to be replayed), its tree pending, not read yet, undone by a failover.
   */
  whereabouts(id: number): Explanation | null {
    let why = this.whereaboutsOf.get(id);
    if (why === undefined) this.whereaboutsOf.set(id, (why = this.findWhereabouts(id)));
    return why;
  }

  private findWhereabouts(id: number): Explanation | null {
    const held = this.records.held.get(id);
    if (held !== undefined && held.kind !== 'tree-pending') return { cause: 'not-yet', ...tellHeld(held) };
    const loss = this.losses.get(id);
    if (loss !== undefined) {
      const told = tellLoss(loss, this.records);
      if (held === undefined) return { cause: 'lost', ...told };
      const later = '; its tree is still pending: the source replays it when the tree fails or times out';
      return { cause: 'lost', text: told.text + later, summary: told.summary + later };
    }
    if (held !== undefined) return { cause: 'not-yet', ...tellHeld(held) };
    const reading = this.records.reading(id);
    if (reading === 'unread') return notYet(`its source has not read it yet${this.jobNote()}`);
    if (reading === 'again') {
      const failover = this.records.recoveries.at(-1);
      if (failover === undefined) return notYet('its source went back to read it again');
      const from =
        failover.restoredCheckpoint === null ? 'the start' : `checkpoint ${failover.restoredCheckpoint}`;
      return notYet(`the failover at ${at(failover.at)} undid it; its source reads it again from ${from}`);
    }
    return null;
  }

  /** A wrong value: what the row's value differs by, and the nearest recorded cause before it was written. */
  wrong(row: DiffRow): Explanation {
    const a = row.actual!;
    const e = row.expected;
    const base =
      e === null
        ? `not in the failure-free run (${a.value} here)`
        : `different value: ${a.value} here, ${e.value} in the failure-free run`;
    const writes =
      e?.writes !== undefined && a.writes !== undefined && a.writes !== e.writes
        ? `; written ${a.writes} times here, ${e.writes} there`
        : '';
    const why = this.wrongCause(row);
    if (why === null)
      return { cause: 'none', text: `${base}${writes}; no recorded cause`, summary: 'no recorded cause' };
    return { ...why, text: `${base}${writes}; ${why.text}` };
  }

  /**
   * The nearest recorded cause of a wrong value: its event replayed into state that kept counting,
   * a crash that threw its key's state away, an event of its key replayed, the failure-free row's
   * event (or another of its key) not written yet or lost.
   */
  private wrongCause(row: DiffRow): Explanation | null {
    const actual = row.actual!;
    const time = actual.at;
    const kept = !this.records.restoresState;
    const own = kept ? this.replays.get(actual.id)?.find((r) => r.time <= time) : undefined;
    if (own !== undefined) return countedAgain(own, this.records);
    // A copy of its own event lost on another of its paths (a fan-out): the value misses that part.
    const copy = this.losses.get(actual.id);
    if (copy !== undefined && copy.time <= time) {
      const told = tellLoss(copy, this.records);
      return {
        cause: 'lost',
        text: `a copy of its event ${actual.id} was ${told.text}`,
        summary: told.summary,
      };
    }
    const crash = lastBefore(
      this.stateLost.filter((c) => c.keys === null || c.keys.has(actual.key)).map((c) => c.crash),
      time,
    );
    if (crash !== undefined)
      return { cause: 'state-lost', ...tellCrash(crash, crash.stateKeys === undefined ? null : actual.key) };
    const replayed = kept ? this.firstReplay(row.key) : null;
    if (replayed !== null && replayed.replay.time <= time)
      return ofAnother(replayed.id, countedAgain(replayed.replay, this.records));
    const expected = row.expected?.id;
    const unaccounted = this.unaccounted(row.key);
    if (expected !== undefined && !(this.writtenEvents.get(row.key)?.has(expected) ?? false)) {
      const why = this.whereabouts(expected);
      if (why !== null)
        return {
          ...why,
          text: `its event ${expected} ${why.text.startsWith('not ') ? 'is' : 'was'} ${why.text}`,
        };
    }
    for (const id of unaccounted) {
      const why = this.whereabouts(id);
      if (why !== null && (why.cause !== 'lost' || this.losses.get(id)!.time <= time))
        return ofAnother(id, why);
    }
    return null;
  }

  /** The earliest replay of an event of `key`. */
  private firstReplay(key: string): { id: number; replay: ReplayRecord } | null {
    let first = this.firstReplayOf.get(key);
    if (first !== undefined) return first;
    first = null;
    for (const id of this.eventsOf(key)) {
      const replay = this.replays.get(id)?.[0];
      if (replay !== undefined && (first === null || replay.time < first.replay.time)) first = { id, replay };
    }
    this.firstReplayOf.set(key, first);
    return first;
  }

  private jobNote(): string {
    const failover = this.records.recoveries.at(-1);
    if (failover === undefined || this.records.job === 'running') return '';
    return this.records.job === 'restarting'
      ? ` (the job is restarting after the failover at ${at(failover.at)})`
      : ` (the job failed for good at ${at(failover.at)})`;
  }
}

function notYet(why: string): Explanation {
  const s = `not written yet: ${why}`;
  return { cause: 'not-yet', text: s, summary: s };
}

/** A replay into state that was not rolled back: the event counts twice. */
function countedAgain(replay: ReplayRecord, records: OutputRecords): Explanation {
  const told: Told = tellReplay(replay, records);
  return {
    cause: 'replayed',
    text: `${told.text}, and counted again: the operators kept what they had counted before`,
    summary: `${told.summary}, and counted again`,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
