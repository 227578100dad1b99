import type { StreamRecord } from '../model/elements.ts';
import type { ReplayRecord, TraceObserver } from '../model/trace.ts';
import type { Channel } from '../runtime/Channel.ts';
import type { InstanceRuntime } from '../runtime/Instance.ts';
import { AckOutcome } from './Acker.ts';
import type { Acking, Replay } from './Acking.ts';
import type { Anchor, HeldInput } from './anchors.ts';
import { edgeHex } from './edgeId.ts';

/** What the tracker needs from the engine. */
export interface AckHost {
  readonly now: number;
  /** When the outputs of the processing in progress leave (its end). */
  readonly departure: number;
  readonly observer: TraceObserver | undefined;
  /** The engine's log of replays. */
  readonly replays: ReplayRecord[];
  /** Routes a record produced by the instance being processed. */
  route(record: StreamRecord): void;
  /** Queues the acker's verdict on a root for its source, sent by instance `from` at `time`. */
  notice(from: number, time: number, slot: number, root: number, ok: boolean): void;
  /** Keeps the timeout tick running. */
  ensureTick(): void;
}

/**
 * Storm's tuple tracking around each processing step (at-least-once by acking): a source's emission
 * becomes a root and inits the acker with the XOR of its first edges; every tuple an operator emits
 * gets a random edge id, anchored to the input's trees; the input is then acked with its own edge
 * XOR its children's, or fails its trees. Operators that keep inputs (batches, windows) hold them
 * and ack them later, anchoring what they emit to all of them.
 *
 * The single-root case — almost every tuple — allocates nothing.
 */
export class AckTracker {
  /** The input being processed: root ≥ 0 with its edge, -2 for several roots (list), -1 untracked. */
  private root = -1;
  private hi = 0;
  private lo = 0;
  private list: readonly Anchor[] | undefined = undefined;
  /** XOR of the edges the input's outputs created (Storm's ackVal). */
  private childHi = 0;
  private childLo = 0;
  private held: HeldInput | null = null;
  private emitHeld: readonly HeldInput[] | null = null;
  /** The anchor of the next tuple pushed (root -2: sendList). */
  sendRoot = -1;
  sendHi = 0;
  sendLo = 0;
  sendList: Anchor[] | undefined = undefined;

  constructor(
    readonly acking: Acking,
    private readonly host: AckHost,
  ) {}

  /** Whether what is sent now belongs to a tree (so it needs an edge id). */
  get tracking(): boolean {
    return this.root !== -1 || this.emitHeld !== null;
  }

  /** Whether the operator held the current input (so it did not finish with it: no early out). */
  get holding(): boolean {
    return this.held !== null;
  }

  /** A source emits a record (a first emission, or a replay of a failed or timed-out one): a new root. */
  beginEmission(
    inst: InstanceRuntime,
    p: number,
    offset: number,
    record: StreamRecord,
    replay?: Replay,
  ): void {
    const acking = this.acking;
    const now = this.host.now;
    const attempt = replay?.attempt ?? 1;
    const root = acking.emitRoot(inst.sourceSlot, p, offset, record.id, attempt, now);
    if (replay)
      this.host.replays.push({
        id: record.id,
        time: now,
        where: inst.name,
        cause: replay.cause,
        attempt,
        root,
      });
    acking.trees?.root({
      root,
      id: record.id,
      source: inst.index,
      partition: inst.reader!.partitions[p]!,
      offset,
      attempt,
      emittedAt: now,
    });
    this.begin(root, 0, 0, undefined);
  }

  /** After the source's processing: init the acker with the XOR of the first edges. */
  endEmission(inst: InstanceRuntime, ok: boolean): void {
    const root = this.root;
    this.end();
    const acker = this.acking.acker;
    // A read that failed fails its tree (the acker keeps a fail that arrives before the init).
    if (!ok) acker.fail(root);
    const outcome = acker.init(root, this.childHi, this.childLo, inst.sourceSlot);
    this.report(root, outcome, inst.index, 'ack-init', 0, 0, this.childHi, this.childLo);
    this.host.ensureTick();
  }

  /** An operator or sink takes a tuple from a channel. */
  beginInput(ch: Channel): void {
    const root = ch.takenRoot;
    this.begin(root, ch.takenHi, ch.takenLo, root === -2 ? ch.takenList : undefined);
  }

  /**
   * After processing: acks the input in every tree it belongs to (its edge XOR its children's), or
   * fails those trees. A held input is acked later instead (ackHeld).
   */
  endInput(inst: InstanceRuntime, ok: boolean): void {
    const { root, hi, lo, list, held } = this;
    this.end();
    if (root === -1) return;
    if (held !== null) {
      // Outputs emitted right away still count towards the held input's ack.
      held.childHi ^= this.childHi;
      held.childLo ^= this.childLo;
      return;
    }
    if (root >= 0) this.settleAnchor(root, hi, lo, ok, this.childHi, this.childLo, inst.index);
    else
      for (const a of list!)
        this.settleAnchor(a.root, a.hi, a.lo, ok, this.childHi, this.childLo, inst.index);
  }

  /** Draws the edge id of one tuple sent on `ch` and sets its anchor (sendRoot…). */
  anchorSend(ch: Channel): void {
    const acking = this.acking;
    if (this.emitHeld !== null) {
      this.anchorToHeld(ch);
      return;
    }
    acking.newEdge();
    const hi = acking.edgeHi;
    const lo = acking.edgeLo;
    this.childHi ^= hi;
    this.childLo ^= lo;
    if (this.root >= 0) {
      this.sendRoot = this.root;
      this.sendHi = hi;
      this.sendLo = lo;
      this.sendList = undefined;
    } else {
      this.sendRoot = -2;
      this.sendList = this.list!.map((a) => ({ root: a.root, hi, lo }));
    }
    if (acking.trees !== null || this.host.observer !== undefined) this.recordEdge(ch, hi, lo);
  }

  /** Collector.hold: keeps the current input to emit from and ack later. */
  hold(): HeldInput | null {
    if (this.root === -1) return null;
    const anchors = this.root >= 0 ? [{ root: this.root, hi: this.hi, lo: this.lo }] : [...this.list!];
    this.held = { anchors, childHi: 0, childLo: 0 };
    return this.held;
  }

  /** Collector.emitFrom: routes a record anchored to held inputs. */
  emitFrom(record: StreamRecord, held: readonly (HeldInput | null)[]): void {
    const tracked = held.filter((h): h is HeldInput => h !== null);
    if (tracked.length === 0) {
      this.host.route(record);
      return;
    }
    const saved = this.emitHeld;
    this.emitHeld = tracked;
    this.host.route(record);
    this.emitHeld = saved;
    this.sendRoot = -1;
    this.sendList = undefined;
  }

  /** Collector.ackHeld: acks held inputs in every tree they belong to. */
  ackHeld(held: readonly (HeldInput | null)[], instance: number): void {
    for (const h of held) {
      if (h === null) continue;
      for (const a of h.anchors) this.settleAnchor(a.root, a.hi, a.lo, true, h.childHi, h.childLo, instance);
    }
  }

  private begin(root: number, hi: number, lo: number, list: readonly Anchor[] | undefined): void {
    this.root = root;
    this.hi = hi;
    this.lo = lo;
    this.list = list;
    this.childHi = 0;
    this.childLo = 0;
    this.held = null;
  }

  private end(): void {
    this.root = -1;
    this.list = undefined;
    this.held = null;
    this.sendRoot = -1;
    this.sendList = undefined;
  }

  private settleAnchor(
    root: number,
    hi: number,
    lo: number,
    ok: boolean,
    childHi: number,
    childLo: number,
    instance: number,
  ): void {
    const acking = this.acking;
    const outcome = ok ? acking.acker.ack(root, hi ^ childHi, lo ^ childLo) : acking.acker.fail(root);
    if (acking.trees !== null) acking.trees.settleEdge(root, hi, lo, ok ? 'acked' : 'failed', this.host.now);
    this.report(root, outcome, instance, ok ? 'ack' : 'ack-fail', hi, lo, childHi, childLo);
  }

  /** After an acker update: a settled tree is reported to its source after the ack latency. */
  private report(
    root: number,
    outcome: AckOutcome,
    instance: number,
    type: 'ack-init' | 'ack' | 'ack-fail',
    hi: number,
    lo: number,
    childHi: number,
    childLo: number,
  ): void {
    const acking = this.acking;
    const acker = acking.acker;
    const observer = this.host.observer;
    // The common case: the tree goes on, and nobody watches.
    if (outcome === AckOutcome.pending && observer === undefined && acking.trees === null) return;
    if (acking.trees !== null && acker.lastRecorded) acking.trees.value(root, acker.lastHi, acker.lastLo);
    if (observer !== undefined) {
      observer({
        type,
        time: this.host.now,
        root,
        instance,
        edge: type === 'ack-init' ? null : edgeHex(hi, lo),
        children: edgeHex(childHi, childLo),
        value: acker.lastRecorded ? edgeHex(acker.lastHi, acker.lastLo) : null,
        outcome:
          outcome === AckOutcome.completed
            ? 'completed'
            : outcome === AckOutcome.failed
              ? 'failed'
              : 'pending',
      });
    }
    if (outcome !== AckOutcome.completed && outcome !== AckOutcome.failed) return;
    const at = this.host.departure + acking.settings.ackLatency;
    this.host.notice(instance, at, acker.lastSpout, root, outcome === AckOutcome.completed);
  }

  /** A tuple emitted from held inputs: each held input gets its own fresh edge (Storm's multi-anchoring). */
  private anchorToHeld(ch: Channel): void {
    const acking = this.acking;
    const byRoot = new Map<number, [number, number]>();
    // Every tree the tuple joins (the trees record it as one tuple of several events).
    const roots =
      acking.trees === null
        ? undefined
        : [...new Set(this.emitHeld!.flatMap((h) => h.anchors.map((a) => a.root)))];
    for (const h of this.emitHeld!) {
      acking.newEdge();
      const hi = acking.edgeHi;
      const lo = acking.edgeLo;
      h.childHi ^= hi;
      h.childLo ^= lo;
      for (const a of h.anchors) {
        const x = byRoot.get(a.root) ?? [0, 0];
        byRoot.set(a.root, [x[0] ^ hi, x[1] ^ lo]);
        acking.trees?.edge(
          a.root,
          hi,
          lo,
          edgeHex(a.hi, a.lo),
          ch.fromInstance,
          ch.toInstance,
          this.host.now,
          roots,
        );
        this.host.observer?.({
          type: 'ack-edge',
          time: this.host.now,
          root: a.root,
          roots: [a.root],
          edge: edgeHex(hi, lo),
        });
      }
    }
    const list = [...byRoot].map(([root, [hi, lo]]) => ({ root, hi, lo }));
    this.sendRoot = list.length === 1 ? list[0]!.root : list.length === 0 ? -1 : -2;
    this.sendHi = list.length === 1 ? list[0]!.hi : 0;
    this.sendLo = list.length === 1 ? list[0]!.lo : 0;
    this.sendList = list.length > 1 ? list : undefined;
  }

  private recordEdge(ch: Channel, hi: number, lo: number): void {
    const roots = this.root >= 0 ? [this.root] : this.list!.map((a) => a.root);
    const trees = this.acking.trees;
    if (trees !== null) {
      // The parent is the input's edge in each tree (a source's first tuples have none).
      const fromSource = ch.sender.reader !== null;
      if (this.root >= 0) {
        const parent = fromSource ? null : edgeHex(this.hi, this.lo);
        trees.edge(this.root, hi, lo, parent, ch.fromInstance, ch.toInstance, this.host.now);
      } else
        for (const a of this.list!)
          trees.edge(
            a.root,
            hi,
            lo,
            fromSource ? null : edgeHex(a.hi, a.lo),
            ch.fromInstance,
            ch.toInstance,
            this.host.now,
            roots,
          );
    }
    this.host.observer?.({
      type: 'ack-edge',
      time: this.host.now,
      root: this.sendRoot,
      roots,
      edge: edgeHex(hi, lo),
    });
  }
}
