import { Rng, RngStream } from '../core/rng.ts';
import type { AckingSettings } from '../model/types.ts';
import { Acker, type AckEntry } from './Acker.ts';
import { AckTrees, type AckTree } from './AckTrees.ts';
import { PendingBuffer, type PendingEntry } from './PendingBuffer.ts';

/** A message to replay: which partition (index into the reader's) and offset, and which attempt. */
export interface Replay {
  readonly partition: number;
  readonly offset: number;
  readonly attempt: number;
  /** Why: its tree failed, or timed out. */
  readonly cause: 'failed' | 'timed-out';
}

/** The acknowledger's counters, as the CLI and the UI report them. */
export interface AckerStats {
  /** Roots emitted (first emissions and replays). */
  emitted: number;
  acked: number;
  /** Roots failed explicitly (a processing failure, an external store outage). */
  failed: number;
  timedOut: number;
  /** Re-emissions of failed or timed-out messages. */
  replayed: number;
  /** The most roots in flight at once at one source instance. */
  pendingMax: number;
  /** Roots pending now, over all source instances. */
  pending: number;
  /** Time from emission to the source hearing of completion, for acked roots (ms). */
  completeLatency: { p50: number; p99: number; mean: number; count: number };
}

/** The acknowledger's state for the UI (see {@link Acking.view}). Plain data. */
export interface AckerView {
  readonly stats: AckerStats;
  readonly sources: { slot: number; pending: PendingEntry[]; pendingCount: number; replayQueue: number }[];
  readonly ackers: { instance: number; up: boolean; entries: AckEntry[] }[];
  readonly trees: AckTree[];
}

/**
 * At-least-once by acknowledging (Storm's scheme): root ids, random 64-bit edge ids, the acker's
 * XOR ledger, each source instance's pending buffer and replay queue, and the timeout rotation.
 * The engine calls in at each emission, ack and fail; this class keeps the books.
 */
export class Acking {
  readonly acker: Acker;
  /** Per source instance (by source slot). */
  readonly pending: PendingBuffer[];
  readonly replays: Replay[][];
  readonly trees: AckTrees | null;
  /** The edge id drawn by the last {@link newEdge} call. */
  edgeHi = 0;
  edgeLo = 0;

  private readonly rng: Rng;
  private nextRoot = 0;
  /** Roots pending over all sources (kept as a count: it is read after every notice). */
  private inFlight = 0;
  /** Rotation generation (one tick every timeout). */
  gen = 0;
  private latencies = new Float64Array(1024);
  private latencyCount = 0;
  /** The first `sorted.length` latencies, sorted (see sortedLatencies). */
  private sorted = new Float64Array(0);
  readonly stats = { emitted: 0, acked: 0, failed: 0, timedOut: 0, replayed: 0 };

  constructor(
    readonly settings: AckingSettings,
    sources: number,
    seed: number,
    keepTrees: number,
  ) {
    this.acker = new Acker(settings.ackers);
    this.pending = Array.from({ length: sources }, () => new PendingBuffer());
    this.replays = Array.from({ length: sources }, () => []);
    this.rng = new Rng(seed, RngStream.ackerIds);
    this.trees = keepTrees > 0 ? new AckTrees(keepTrees) : null;
  }

  /** Draws a random 64-bit edge id into (edgeHi, edgeLo). */
  newEdge(): void {
    this.edgeHi = this.rng.nextU32() | 0;
    this.edgeLo = this.rng.nextU32() | 0;
  }

  /**
   * When a pending entry emitted at rotation generation `gen` times out, given when the next timeout
   * tick fires: ticks come every `timeout` while anything is pending, and an entry expires at the
   * tick that brings the generation to `gen + 2` (Storm's two-bucket RotatingMap).
   */
  expiresAt(gen: number, nextTick: number): number {
    return nextTick + (gen + 1 - this.gen) * this.settings.timeout;
  }

  /** Whether a source instance has as many roots in flight as it may (max pending). */
  atLimit(slot: number): boolean {
    return this.pending[slot]!.size >= this.settings.maxPending;
  }

  /** Registers a new root for an emission (first or replay) and returns its id. */
  emitRoot(
    slot: number,
    partition: number,
    offset: number,
    id: number,
    attempt: number,
    now: number,
  ): number {
    const root = this.nextRoot++;
    this.pending[slot]!.add(root, partition, offset, id, now, attempt, this.gen);
    this.inFlight++;
    this.stats.emitted++;
    if (attempt > 1) this.stats.replayed++;
    return root;
  }

  /** Next replay waiting at a source instance, if any (replays go before new records). */
  takeReplay(slot: number): Replay | undefined {
    return this.replays[slot]!.shift();
  }

  hasReplay(slot: number): boolean {
    return this.replays[slot]!.length > 0;
  }

  /**
   * The source hears the acker's verdict on a root. Returns false for a late notice (the root had
   * already timed out and left the pending buffer): it is ignored.
   */
  notify(slot: number, root: number, ok: boolean, now: number): boolean {
    if (ok) {
      const emittedAt = this.pending[slot]!.complete(root);
      if (emittedAt < 0) return false;
      this.inFlight--;
      this.stats.acked++;
      this.recordLatency(now - emittedAt);
      this.trees?.done(root, 'acked', now);
      return true;
    }
    const entry = this.pending[slot]!.remove(root);
    if (entry === undefined) return false;
    this.inFlight--;
    this.stats.failed++;
    this.replays[slot]!.push({
      partition: entry.partition,
      offset: entry.offset,
      attempt: entry.attempt + 1,
      cause: 'failed',
    });
    this.trees?.done(root, 'failed', now);
    return true;
  }

  /**
   * One timeout tick: the acker rotates (stale entries vanish silently) and every source's pending
   * buffer rotates; roots pending for two ticks time out and are queued for replay. Returns the
   * source slots that timed something out.
   */
  tickAll(now: number): number[] {
    this.gen++;
    this.acker.rotate();
    const touched: number[] = [];
    this.pending.forEach((buffer, slot) => {
      const expired = buffer.expire(this.gen);
      this.inFlight -= expired.length;
      if (expired.length === 0) return;
      touched.push(slot);
      for (const e of expired) {
        this.stats.timedOut++;
        this.replays[slot]!.push({
          partition: e.partition,
          offset: e.offset,
          attempt: e.attempt + 1,
          cause: 'timed-out',
        });
        this.trees?.done(e.root, 'timed-out', now);
      }
    });
    return touched;
  }

  /**
   * Whether any source has roots in flight (so timeout ticks must keep running). Entries the acker
   * still holds for roots no source waits for (orphans after a crash) do not count: they only
   * expire.
   */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  /**
   * A source instance crashed: its pending buffer and replay queue are gone (the recorded trees of
   * its pending roots are marked lost). Returns, per partition
   * index, the lowest offset that was not known to be complete — where the source must resume so
   * nothing is lost (like a Kafka spout resuming at its committed offset).
   */
  crashSource(slot: number, positions: readonly number[], now: number): number[] {
    const resume = [...positions];
    const lost = this.pending[slot]!.clear();
    this.inFlight -= lost.length;
    for (const e of lost) {
      resume[e.partition] = Math.min(resume[e.partition]!, e.offset);
      // Nobody waits for these trees any more: their events come again as first emissions.
      this.trees?.done(e.root, 'lost', now);
    }
    for (const r of this.replays[slot]!.splice(0))
      resume[r.partition] = Math.min(resume[r.partition]!, r.offset);
    return resume;
  }

  /**
   * What the acknowledger panel shows, as plain data: the counters, each source instance's pending
   * buffer (oldest first, at most `limit` entries) and replay queue, each acker instance's state,
   * and the recorded trees of the most recent roots (when the engine keeps them).
   */
  view(limit = 50): AckerView {
    return {
      stats: this.snapshotStats(),
      sources: this.pending.map((p, slot) => ({
        slot,
        pending: p.list().slice(0, limit),
        pendingCount: p.size,
        replayQueue: this.replays[slot]!.length,
      })),
      ackers: Array.from({ length: this.acker.instances }, (_, i) => ({
        instance: i,
        up: this.acker.isUp(i),
        entries: this.acker.entries(i).slice(0, limit),
      })),
      trees: this.trees?.list() ?? [],
    };
  }

  snapshotStats(): AckerStats {
    const sorted = this.sortedLatencies();
    const at = (q: number) =>
      sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    let sum = 0;
    for (const x of sorted) sum += x;
    return {
      ...this.stats,
      pendingMax: Math.max(0, ...this.pending.map((p) => p.max)),
      pending: this.pending.reduce((n, p) => n + p.size, 0),
      completeLatency: {
        p50: at(0.5),
        p99: at(0.99),
        mean: sorted.length ? sum / sorted.length : 0,
        count: sorted.length,
      },
    };
  }

  /**
   * The complete latencies so far, sorted. The panel asks ~60 times a second while the run goes, so
   * the sorted copy is kept and only the latencies recorded since are sorted and merged in: linear,
   * not n log n, per call.
   */
  private sortedLatencies(): Float64Array {
    const n = this.latencyCount;
    const old = this.sorted;
    if (old.length === n) return old;
    const fresh = this.latencies.slice(old.length, n).sort();
    const out = new Float64Array(n);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < fresh.length) out[k++] = old[i]! <= fresh[j]! ? old[i++]! : fresh[j++]!;
    while (i < old.length) out[k++] = old[i++]!;
    while (j < fresh.length) out[k++] = fresh[j++]!;
    this.sorted = out;
    return out;
  }

  private recordLatency(ms: number): void {
    if (this.latencyCount === this.latencies.length) {
      const next = new Float64Array(this.latencies.length * 2);
      next.set(this.latencies);
      this.latencies = next;
    }
    this.latencies[this.latencyCount++] = ms;
  }
}
