import { planJob, type Engine, type Plan, type Scenario, type TraceEvent } from '../../engine/index.ts';
import type {
  LineageComponent,
  LineageRead,
  LineageRequest,
  LineageTree,
  LineageView,
} from '../../protocol/panels/lineage.ts';
import type { PanelRecorder, PanelSource } from './types.ts';

/** Processing steps kept: the most recent ones of the run (a busy run keeps the last second or so). */
export const STEP_CAPACITY = 1 << 16;
/** Source reads kept. */
export const READ_CAPACITY = 1 << 14;
/** Steps shown per component (the counters beside them stay exact). */
export const STEPS_SHOWN = 12;
/** Quick picks: events the sinks wrote last. */
const RECENT = 8;

type ProcessEvent = Extract<TraceEvent, { type: 'process' }>;
type ReadEvent = Extract<TraceEvent, { type: 'read' }>;

/**
 * Keeps the most recent processing steps and source reads of the run in rings of typed columns
 * (nothing allocated per step but the ring's slot), so the lineage of any recent event can be
 * looked up when someone picks it, however late.
 */
export class LineageRecorder implements PanelRecorder {
  readonly types = ['process', 'read'] as const;
  readonly plan: Plan;
  // Processing steps.
  private readonly stepIds = new Float64Array(STEP_CAPACITY);
  private readonly stepTimes = new Float64Array(STEP_CAPACITY);
  private readonly stepInstances = new Int32Array(STEP_CAPACITY);
  private readonly stepOk = new Uint8Array(STEP_CAPACITY);
  private readonly stepValues = new Float64Array(STEP_CAPACITY);
  private steps = 0;
  // Source reads (with the record as read: key, value, event time).
  private readonly readIds = new Float64Array(READ_CAPACITY);
  private readonly readTimes = new Float64Array(READ_CAPACITY);
  private readonly readInstances = new Int32Array(READ_CAPACITY);
  private readonly readPartitions = new Int32Array(READ_CAPACITY);
  private readonly readOffsets = new Float64Array(READ_CAPACITY);
  private readonly readKeys: string[] = new Array<string>(READ_CAPACITY);
  private readonly readValues = new Float64Array(READ_CAPACITY);
  private readonly readEventTimes = new Float64Array(READ_CAPACITY);
  private reads = 0;
  /** Global instance index → whether it is a sink's. */
  private readonly isSink: Uint8Array;
  private readonly recentIds: number[] = [];

  constructor(scenario: Scenario) {
    this.plan = planJob(scenario.job);
    this.isSink = Uint8Array.from(this.plan.instances, (i) =>
      this.plan.components[i.component]!.role === 'sink' ? 1 : 0,
    );
  }

  observe(event: TraceEvent): void {
    if (event.type === 'process') this.step(event);
    else if (event.type === 'read') this.read(event);
  }

  private step(e: ProcessEvent): void {
    const k = this.steps++ % STEP_CAPACITY;
    this.stepIds[k] = e.id;
    this.stepTimes[k] = e.time;
    this.stepInstances[k] = e.instance;
    this.stepOk[k] = e.ok ? 1 : 0;
    this.stepValues[k] = e.value;
    // A source's step is its read (channel -1): its record is kept with the read.
    if (e.channel === -1) this.noteRecord(e);
    if (e.ok && this.isSink[e.instance] === 1) {
      this.recentIds.push(e.id);
      if (this.recentIds.length > RECENT * 4) this.recentIds.splice(0, this.recentIds.length - RECENT);
    }
  }

  private read(e: ReadEvent): void {
    const k = this.reads++ % READ_CAPACITY;
    this.readIds[k] = e.id;
    this.readTimes[k] = e.time;
    this.readInstances[k] = e.instance;
    this.readPartitions[k] = e.partition;
    this.readOffsets[k] = e.offset;
    this.readKeys[k] = '';
  }

  /** The source's process step follows its read: it carries the record's key, value and event time. */
  private noteRecord(e: ProcessEvent): void {
    if (this.reads === 0) return;
    const k = (this.reads - 1) % READ_CAPACITY;
    if (this.readIds[k] !== e.id) return;
    this.readKeys[k] = e.key;
    this.readValues[k] = e.value;
    this.readEventTimes[k] = e.eventTime;
  }

  /** The event's recorded steps, oldest first, and whether older ones fell out of the ring. */
  stepsOf(id: number): { time: number; instance: number; ok: boolean; value: number }[] {
    const out: { time: number; instance: number; ok: boolean; value: number }[] = [];
    const first = Math.max(0, this.steps - STEP_CAPACITY);
    for (let n = first; n < this.steps; n++) {
      const k = n % STEP_CAPACITY;
      if (this.stepIds[k] === id) {
        out.push({
          time: this.stepTimes[k]!,
          instance: this.stepInstances[k]!,
          ok: this.stepOk[k] === 1,
          value: this.stepValues[k]!,
        });
      }
    }
    return out;
  }

  /** Whether the rings still reach back to the event's first read (else its story is cut). */
  reachesBackTo(firstRead: number | undefined): boolean {
    if (this.steps <= STEP_CAPACITY) return true;
    if (firstRead === undefined) return false;
    return this.stepTimes[this.steps % STEP_CAPACITY]! <= firstRead;
  }

  readsOf(id: number): {
    time: number;
    instance: number;
    partition: number;
    offset: number;
    key: string;
    value: number;
    eventTime: number;
  }[] {
    const out = [];
    const first = Math.max(0, this.reads - READ_CAPACITY);
    for (let n = first; n < this.reads; n++) {
      const k = n % READ_CAPACITY;
      if (this.readIds[k] !== id) continue;
      out.push({
        time: this.readTimes[k]!,
        instance: this.readInstances[k]!,
        partition: this.readPartitions[k]!,
        offset: this.readOffsets[k]!,
        key: this.readKeys[k]!,
        value: this.readValues[k]!,
        eventTime: this.readEventTimes[k]!,
      });
    }
    return out;
  }

  /** Distinct events the sinks wrote last, newest first. */
  recent(): number[] {
    return [...new Set([...this.recentIds].reverse())].slice(0, RECENT);
  }
}

export function record(scenario: Scenario): LineageRecorder {
  return new LineageRecorder(scenario);
}

export function view(source: PanelSource, recorder: LineageRecorder, request: LineageRequest): LineageView {
  const event = request.event ?? null;
  const empty: LineageView = {
    event,
    record: null,
    components: [],
    reads: [],
    losses: [],
    replays: [],
    trees: null,
    sinks: [],
    truncated: false,
    recent: recorder.recent(),
  };
  if (event === null) return empty;
  const { engine } = source;
  const plan = recorder.plan;
  const name = (instance: number) => plan.instances[instance]?.name ?? `#${instance}`;
  const steps = recorder.stepsOf(event);
  const reads = recorder.readsOf(event);
  const components: LineageComponent[] = plan.components.map((c) => {
    const counts = engine.eventCounts(c.id, event);
    const mine = new Set(c.instances);
    return {
      id: c.id,
      role: c.role,
      processed: counts.processed,
      delivered: counts.delivered,
      steps: steps
        .filter((s) => mine.has(s.instance))
        .slice(-STEPS_SHOWN)
        .map((s) => ({ time: s.time, instance: name(s.instance), ok: s.ok, value: s.value })),
    };
  });
  const first = reads.find((r) => r.key !== '');
  return {
    ...empty,
    record: first ? { key: first.key, value: first.value, eventTime: first.eventTime } : null,
    components,
    reads: reads.map((r) => ({
      time: r.time,
      instance: name(r.instance),
      partition: r.partition,
      offset: r.offset,
      ...epochOf(engine, r.time),
    })),
    losses: engine.losses
      .filter((l) => l.id === event)
      .map(({ time, where, reason }) => ({ time, where, reason })),
    replays: engine.replays
      .filter((r) => r.id === event)
      .map((r) => ({
        time: r.time,
        where: r.where,
        cause: r.cause,
        attempt: r.attempt,
        checkpoint: r.checkpoint ?? null,
      })),
    trees: treesOf(engine, event),
    sinks: sinkValues(source, event),
    truncated:
      components.some((c) => c.processed > c.steps.length) && !recorder.reachesBackTo(reads[0]?.time),
  };
}

/**
 * The checkpoint a read belongs to (Flink's epochs): the first checkpoint triggered after it — its
 * barrier follows the record out of the source, so its snapshot covers the record's effects.
 */
function epochOf(engine: Engine, readAt: number): Pick<LineageRead, 'epoch'> {
  const cp = engine.checkpointing;
  if (cp === null) return {};
  const next = cp.coordinator.history.find((c) => c.triggeredAt >= readAt);
  if (next === undefined) return { epoch: { checkpoint: null, state: 'not-triggered' } };
  const state =
    next.completedAt !== undefined ? 'completed' : next.failure !== undefined ? 'failed' : 'pending';
  return { epoch: { checkpoint: next.id, state } };
}

function treesOf(engine: Engine, event: number): LineageTree[] | null {
  const acking = engine.acking;
  if (acking === null) return null;
  return acking
    .view(0)
    .trees.filter((t) => t.id === event)
    .map((t) => ({
      root: t.root,
      attempt: t.attempt,
      status: t.status,
      emittedAt: t.emittedAt,
      completedAt: t.completedAt ?? null,
      edges: t.edges.length,
    }));
}

/** The values of the rows each sink holds from the event, here and in the failure-free run. */
function sinkValues(source: PanelSource, event: number): LineageView['sinks'] {
  const out: LineageView['sinks'] = [];
  for (const comp of source.engine.rt.components) {
    if (comp.table === null) continue;
    const expected = source.reference.rt.components.find((c) => c.id === comp.id)?.table;
    out.push({
      sink: comp.id,
      written: comp.table.valuesOf(event),
      expected: expected?.valuesOf(event) ?? [],
    });
  }
  return out;
}
