import type { CheckpointRecord, Engine, Scenario } from '../engine/index.ts';
import type { Moment } from '../protocol/messages.ts';

/** A failure to inject now (the engine's index exports the schema under the type's name). */
export type FailureAction = Parameters<Engine['inject']>[0];
type ScheduledFailure = Scenario['failures'][number];

/** Past moments kept per group (checkpoints; everything else), and future ones shown. */
const KEEP = 50;

/**
 * The notable moments of a run, for the timeline and the event log. Most are derived when a frame
 * is built from what the engine keeps anyway (its recoveries, the scripted failures among its
 * pending timers); the two things it does not keep are noted here as the run steps: when a
 * checkpoint ended (an aborted one has no end time) and which failures were injected.
 */
export class MomentLog {
  private readonly injected: { failure: FailureAction; time: number }[] = [];
  private readonly checkpoints: Moment[] = [];
  /** Checkpoints completed or aborted, as last seen. */
  private ended = 0;
  /** Index in the checkpoint history of the oldest record that may still be in progress. */
  private openFrom = 0;
  /** Ids at or after `openFrom` already noted (a newer checkpoint may end before an older one). */
  private readonly noted = new Set<number>();

  constructor(
    private readonly engine: Engine,
    private readonly scripted: readonly ScheduledFailure[],
  ) {}

  /** Call after every step: two loads and a comparison unless a checkpoint ended. */
  afterStep(): void {
    const cp = this.engine.checkpointing;
    if (cp === null) return;
    const ended = cp.coordinator.history.length - cp.coordinator.inFlight;
    if (ended !== this.ended) this.noteCheckpoints(ended);
  }

  /** A failure injected now (a click). */
  noteInjected(failure: FailureAction): void {
    this.injected.push({ failure, time: this.engine.now });
    if (this.injected.length > KEEP) this.injected.shift();
    this.afterStep();
  }

  /** The recent past (bounded), then what is still to come, by time. */
  list(): Moment[] {
    const engine = this.engine;
    const now = engine.now;
    const cp = engine.checkpointing;
    const all: Moment[] = [];
    const restartsAfterCrash = cp === null;
    const scheduled = new Set<FailureAction>();
    for (const t of engine.pendingTimers()) if (t.action.type === 'failure') scheduled.add(t.action.failure);
    for (const f of this.scripted) {
      const pending = scheduled.has(f);
      all.push({ time: f.at, kind: 'scripted-failure', text: describeFailure(f), pending });
      if (!pending && restartsAfterCrash) pushRestart(all, f, f.at, now);
    }
    for (const { failure, time } of this.injected) {
      all.push({ time, kind: 'failure', text: describeFailure(failure), pending: false });
      if (restartsAfterCrash) pushRestart(all, failure, time, now);
    }
    for (const r of cp?.recoveries.slice(-KEEP) ?? []) {
      const from = r.restoredCheckpoint === null ? 'the beginning' : `checkpoint ${r.restoredCheckpoint}`;
      if (r.restartedAt === null) {
        all.push({ time: r.at, kind: 'failover', text: r.reason, pending: false });
        all.push({ time: r.at, kind: 'job-failed', text: 'the restart strategy gave up', pending: false });
      } else {
        all.push({ time: r.at, kind: 'failover', text: `${r.reason}; back from ${from}`, pending: false });
        all.push({
          time: r.restartedAt,
          kind: 'restart',
          text: `the job restarts from ${from}`,
          pending: r.restartedAt > now,
        });
      }
    }
    const past = all.filter((m) => !m.pending).sort(byTime);
    const future = all.filter((m) => m.pending).sort(byTime);
    return [...past.slice(-KEEP), ...this.checkpoints].sort(byTime).concat(future.slice(0, KEEP));
  }

  private noteCheckpoints(ended: number): void {
    const history = this.engine.checkpointing!.coordinator.history;
    const now = this.engine.now;
    for (let i = this.openFrom; i < history.length; i++) {
      const r = history[i]!;
      if (this.noted.has(r.id) || !isOver(r)) continue;
      this.noted.add(r.id);
      this.checkpoints.push(
        r.completedAt === undefined
          ? {
              time: now,
              kind: 'checkpoint-failed',
              text: `checkpoint ${r.id} failed: ${r.failure}`,
              pending: false,
            }
          : {
              time: r.completedAt,
              kind: 'checkpoint',
              text: `checkpoint ${r.id} completed (${r.stateSize} state entries)`,
              pending: false,
            },
      );
      if (this.checkpoints.length > KEEP) this.checkpoints.shift();
    }
    while (this.openFrom < history.length && isOver(history[this.openFrom]!)) {
      this.noted.delete(history[this.openFrom]!.id);
      this.openFrom++;
    }
    this.ended = ended;
  }
}

function isOver(r: CheckpointRecord): boolean {
  return r.completedAt !== undefined || r.failure !== undefined;
}

function byTime(a: Moment, b: Moment): number {
  return a.time - b.time;
}

/** Without checkpoints a crashed instance comes back on its own after `restartAfter`. */
function pushRestart(into: Moment[], f: FailureAction, at: number, now: number): void {
  if (f.action !== 'crash') return;
  const time = at + f.restartAfter;
  const who = f.instance === undefined ? `every ${f.component} instance` : `${f.component}#${f.instance}`;
  into.push({ time, kind: 'restart', text: `${who} restarts`, pending: time > now });
}

/** One line about a failure: `crash analyzer#0 (back after 1000 ms)`. */
export function describeFailure(f: FailureAction): string {
  const on = (component: string, instance: number | undefined) =>
    instance === undefined ? `every ${component} instance` : `${component}#${instance}`;
  const during = (ms: number) => `for ${ms} ms`;
  const percent = (p: number) => `${Math.round(p * 1000) / 10}%`;
  switch (f.action) {
    case 'crash':
      return `crash ${on(f.component, f.instance)} (back after ${f.restartAfter} ms)`;
    case 'fail-events':
      return `fail ${percent(f.probability)} of the events at ${on(f.component, f.instance)} ${during(f.duration)}`;
    case 'slow':
      return `slow ${on(f.component, f.instance)} down ${f.factor}× ${during(f.duration)}`;
    case 'store-outage':
      return `store ${f.store} down ${during(f.duration)}`;
    case 'drop':
      return `drop ${percent(f.probability)} of the messages ${f.from} → ${f.to} ${during(f.duration)}`;
    case 'delay':
      return `delay the messages ${f.from} → ${f.to} by ${f.extra} ms ${during(f.duration)}`;
    case 'crash-acker':
      return `crash acker#${f.instance} (back after ${f.restartAfter} ms)`;
    case 'checkpoint-storage-failure':
      return `checkpoint storage down ${during(f.duration)}`;
    case 'lose-checkpoint-notices':
      return `checkpoint notices lost ${during(f.duration)}`;
  }
}
