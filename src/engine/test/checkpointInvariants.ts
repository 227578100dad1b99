import type { TraceEvent } from '../model/trace.ts';
import type { KeyedAggregate } from '../operators/keyedAggregate.ts';
import type { Engine } from '../runtime/Engine.ts';
import type { InstanceRuntime } from '../runtime/Instance.ts';

type Counts = Map<string, number>;

/**
 * Checks Flink's checkpointing invariants on a running engine, from its trace, as it runs (pass
 * {@link observe} as the TestEngine's `observe`). The checks keep their own model of the job; they
 * do not ask the barrier handlers what they decided:
 *
 * - barrier ids on every channel strictly increase;
 * - aligned mode: an instance that has barrier n from some inputs but not all processes nothing
 *   from the inputs that delivered it;
 * - the state each keyed count/sum snapshots equals a count of exactly the records it processed
 *   before the snapshot (with the alignment check: exactly the pre-barrier prefixes);
 * - after a restart every instance's state is the restored checkpoint's, every source position
 *   the one it saved, and every channel is empty;
 * - a transaction is committed only once a checkpoint at least as new as its own completed, and
 *   each sink instance commits in checkpoint order.
 */
export class CheckpointInvariants {
  readonly violations: string[] = [];
  private readonly lastBarrier = new Map<number, number>();
  private readonly alignment = new Map<number, { id: number; delivered: Set<number> }>();
  /** Model of every keyed count/sum instance's state, and its value at each snapshot. */
  private readonly model = new Map<number, Counts>();
  private readonly modelAt = new Map<string, Counts>();
  private readonly positionsAt = new Map<string, number[]>();
  private newestCompleted = 0;
  private readonly lastCommitted = new Map<number, number>();

  constructor(private readonly aligned: boolean) {}

  readonly observe = (e: TraceEvent, engine: Engine): void => {
    switch (e.type) {
      case 'barrier':
        this.onBarrier(engine, e.instance, e.channel, e.id);
        break;
      case 'process':
        this.onProcess(engine, e.instance, e.channel, e.key, e.value, e.ok);
        break;
      case 'snapshot':
        if (!e.declined) this.onSnapshot(engine, e.instance, e.id);
        break;
      case 'checkpoint':
        if (e.event === 'completed') this.newestCompleted = Math.max(this.newestCompleted, e.id);
        break;
      case 'failover':
        this.alignment.clear();
        break;
      case 'job-restart':
        this.onRestart(engine, e.restoredCheckpoint);
        break;
      case 'txn':
        if (e.state === 'committed') this.onCommit(e.instance, e.checkpoint);
        break;
      default:
    }
  };

  private onBarrier(engine: Engine, instance: number, channel: number, id: number): void {
    const last = this.lastBarrier.get(channel) ?? 0;
    if (id <= last) this.fail(`channel ${channel}: barrier ${id} after barrier ${last}`);
    this.lastBarrier.set(channel, id);
    const inputs = engine.rt.instances[instance]!.inputs.length;
    const a = this.alignment.get(instance);
    if (a === undefined || id > a.id) this.alignment.set(instance, { id, delivered: new Set([channel]) });
    else if (id === a.id) a.delivered.add(channel);
    const now = this.alignment.get(instance)!;
    if (now.delivered.size === inputs) now.delivered.clear();
  }

  private onProcess(
    engine: Engine,
    instance: number,
    channel: number,
    key: string,
    value: number,
    ok: boolean,
  ): void {
    const a = this.alignment.get(instance);
    if (this.aligned && channel >= 0 && a !== undefined && a.delivered.has(channel)) {
      this.fail(
        `${name(engine, instance)} processed a record from channel ${channel} after its barrier ${a.id}, while aligning`,
      );
    }
    const kind = keyedKind(engine.rt.instances[instance]!);
    if (!ok || kind === null) return;
    const counts = this.modelOf(instance);
    counts.set(key, (counts.get(key) ?? 0) + (kind === 'count' ? 1 : value));
  }

  private onSnapshot(engine: Engine, instance: number, id: number): void {
    const inst = engine.rt.instances[instance]!;
    if (inst.reader !== null) {
      this.positionsAt.set(`${instance}@${id}`, [...inst.reader.positions]);
      return;
    }
    if (!this.aligned || keyedKind(inst) === null) return;
    const model = this.modelOf(instance);
    this.modelAt.set(`${instance}@${id}`, new Map(model));
    this.compare(engine, inst, model, `snapshot ${id}`);
  }

  private onRestart(engine: Engine, restored: number | null): void {
    for (const ch of engine.rt.channels) {
      if (ch.size > 0 || ch.blocked) this.fail(`channel ${ch.index} not empty after the restart`);
    }
    for (const inst of engine.rt.instances) {
      const tag = `${inst.index}@${restored}`;
      if (inst.reader !== null) {
        const saved = restored === null ? inst.reader.positions.map(() => 0) : this.positionsAt.get(tag);
        if (JSON.stringify(saved) !== JSON.stringify(inst.reader.positions)) {
          this.fail(
            `${inst.name} restarted at ${JSON.stringify(inst.reader.positions)}, saved ${JSON.stringify(saved)}`,
          );
        }
      } else if (this.aligned && keyedKind(inst) !== null) {
        const saved = restored === null ? new Map<string, number>() : this.modelAt.get(tag);
        if (saved === undefined) this.fail(`${inst.name}: no snapshot ${restored} was seen`);
        else {
          this.model.set(inst.index, new Map(saved));
          this.compare(engine, inst, saved, `restore of ${restored}`);
        }
      }
    }
  }

  private onCommit(instance: number, checkpoint: number | null): void {
    if (checkpoint === null)
      return this.fail(`a transaction never pre-committed was committed at ${instance}`);
    if (checkpoint > this.newestCompleted) {
      this.fail(
        `transaction of checkpoint ${checkpoint} committed, newest completed is ${this.newestCompleted}`,
      );
    }
    const last = this.lastCommitted.get(instance) ?? 0;
    if (checkpoint <= last)
      this.fail(`instance ${instance} committed checkpoint ${checkpoint} after ${last}`);
    this.lastCommitted.set(instance, checkpoint);
  }

  private compare(engine: Engine, inst: InstanceRuntime, expected: Counts, what: string): void {
    const actual = new Map((inst.logic as KeyedAggregate).totalsByKey());
    const a = JSON.stringify([...actual].sort());
    const e = JSON.stringify([...expected].sort());
    if (a !== e) this.fail(`${name(engine, inst.index)} ${what}: state ${a}, expected ${e}`);
  }

  private modelOf(instance: number): Counts {
    let m = this.model.get(instance);
    if (m === undefined) this.model.set(instance, (m = new Map()));
    return m;
  }

  private fail(message: string): void {
    if (this.violations.length < 20) this.violations.push(message);
  }
}

function name(engine: Engine, instance: number): string {
  return engine.rt.instances[instance]!.name;
}

/** 'count' or 'sum' for a keyed aggregate keyed by the record's key; null for anything else. */
function keyedKind(inst: InstanceRuntime): 'count' | 'sum' | null {
  const spec = inst.component.plan.spec;
  if ((spec.kind === 'count' || spec.kind === 'sum') && spec.keyBy === 'key') return spec.kind;
  return null;
}
