import type { Engine, TraceEvent } from '../../../engine/index.ts';
import type { AccuracySummary } from '../../../protocol/messages.ts';
import {
  MAX_BUCKETS,
  MAX_MARKERS,
  type AccuracyPoint,
  type Marker,
} from '../../../protocol/panels/metrics.ts';
import { describeFailure } from '../../moments.ts';
import type { PanelRecorder } from '../types.ts';
import { baseBucketWidth } from './bucketWidth.ts';
import { FirstReads } from './FirstReads.ts';
import { LatencyHistogram } from './LatencyHistogram.ts';

type Runtime = Engine['rt'];

/** The engine's reasons for aborting a checkpoint that are not a failure of the checkpoint itself. */
function countsAsFailed(reason: string): boolean {
  return !reason.startsWith('subsumed') && !reason.startsWith('job failed over');
}

/**
 * What the metrics panel needs kept while the run goes, from time 0, in buckets of virtual time
 * (see MAX_BUCKETS for the widening rule):
 *
 * - from the trace: records read at the sources (throughput in), records written by the sinks
 *   (throughput out) with their end-to-end latency (the write's time − the first read of their
 *   event, see FirstReads), failures, restarts and failed checkpoints (markers: the engine does
 *   not keep when a checkpoint failed);
 * - from the engine, sampled when a bucket closes — at the first observed step at or after its
 *   end, so that step's own change may be in it — the elements on each edge, each source's lag
 *   and each component's time blocked on full outputs;
 * - from the run: each accuracy computation (`noteAccuracy`), the latest per bucket.
 *
 * What is recorded depends on the trace alone: the view shows the buckets not closed yet from the
 * engine's state now, without closing them.
 *
 * Checkpoints and failovers are not recorded: the engine keeps them (the view reads them there).
 * Memory is fixed by MAX_BUCKETS, the job's size and FirstReads' table.
 */
export class MetricsRecorder implements PanelRecorder {
  readonly types: readonly TraceEvent['type'][] = ['read', 'process', 'failure', 'restart', 'checkpoint'];
  /** Virtual ms per bucket (base × 2^merges). */
  width: number;
  /** Index of the open bucket; those before it are closed. */
  open = 0;
  private openEnd: number;

  readonly recordsIn = new Float64Array(MAX_BUCKETS);
  readonly recordsOut = new Float64Array(MAX_BUCKETS);
  /** Per bucket with writes: their latencies (null: none). */
  readonly latencies: (LatencyHistogram | null)[] = new Array<LatencyHistogram | null>(MAX_BUCKETS).fill(
    null,
  );
  readonly totalLatency = new LatencyHistogram();
  /** p50, p99 of closed buckets, once computed (NaN: not yet). */
  private readonly quantileCache = new Float64Array(2 * MAX_BUCKETS).fill(NaN);
  totalIn = 0;
  totalOut = 0;
  /** Writes whose event's first read was forgotten. */
  unknownLatency = 0;
  /** The accuracy computations, the latest per bucket (its own list: they may come after the last event). */
  readonly accuracy: AccuracyPoint[] = [];
  /** Failures and restarts, the newest MAX_MARKERS. */
  readonly markers: Marker[] = [];

  /** Samples at each closed bucket's end: [bucket × lines + line]. */
  edgeSamples = new Float64Array(0);
  lagSamples = new Float64Array(0);
  /** Virtual ms each component's instances had spent blocked, in all, by the bucket's end. */
  blockedSamples = new Float64Array(0);

  /** Edges, source components and components: the lines sampled at each bucket's end. */
  lines = { edges: 0, sources: 0, components: 0 };
  private engine: Engine | null = null;
  private isSink = new Uint8Array(0);
  /** Source instance → its position among the source components. */
  private sourceLine = new Int32Array(0);
  private readonly reads = new FirstReads();

  constructor(runFor: number) {
    this.width = baseBucketWidth(runFor);
    this.openEnd = this.width;
  }

  /** The engine the run's trace comes from: its channels, sources and instances are sampled. */
  attach(engine: Engine): void {
    this.engine = engine;
    const rt = engine.rt;
    this.isSink = Uint8Array.from(rt.instances, (i) => (i.component.plan.role === 'sink' ? 1 : 0));
    const sources = this.sourceComponents(rt);
    this.sourceLine = Int32Array.from(rt.sourceInstances, (i) => sources.indexOf(i.component.id));
    this.lines = { edges: rt.edges.length, sources: sources.length, components: rt.components.length };
    this.edgeSamples = new Float64Array(MAX_BUCKETS * rt.edges.length);
    this.lagSamples = new Float64Array(MAX_BUCKETS * sources.length);
    this.blockedSamples = new Float64Array(MAX_BUCKETS * rt.components.length);
  }

  /** Ids of the components that read a log, in the job's order. */
  sourceComponents(rt: Runtime): string[] {
    return rt.components.filter((c) => c.plan.role === 'source').map((c) => c.id);
  }

  observe(event: TraceEvent): void {
    const time = event.time;
    if (time >= this.openEnd) this.advanceTo(time);
    switch (event.type) {
      case 'read':
        this.recordsIn[this.open]!++;
        this.totalIn++;
        this.reads.note(event.id, time);
        break;
      case 'process':
        if (event.ok && this.isSink[event.instance] === 1) this.written(event.id, time);
        break;
      case 'failure':
        this.mark({ time, kind: 'failure', text: describeFailure(event.failure) });
        break;
      case 'checkpoint':
        // Declined or expired: a failed checkpoint (subsumed ones are not failures, and those a
        // failover aborted have the failover's marker).
        if (event.event === 'aborted' && event.reason !== undefined && countsAsFailed(event.reason)) {
          this.mark({
            time,
            kind: 'checkpoint-failed',
            text: `checkpoint ${event.id} failed: ${event.reason}`,
          });
        }
        break;
      case 'restart': {
        const name = this.engine?.rt.instances[event.instance]?.name ?? `instance ${event.instance}`;
        const last = this.markers.at(-1);
        // Every instance of a component restarting at once is one marker.
        if (last?.kind === 'restart' && last.time === time)
          this.markers[this.markers.length - 1] = { ...last, text: `${last.text}, ${name}` };
        else this.mark({ time, kind: 'restart', text: `restarted ${name}` });
        break;
      }
    }
  }

  /**
   * The run computed its accuracy at `time` (the latest of a bucket is kept). It closes no bucket:
   * when the run computes it depends on the real clock, and what is recorded must not.
   */
  noteAccuracy(time: number, a: AccuracySummary): void {
    const { score, correct, missing, duplicated, wrong } = a;
    const point = { time, score, correct, missing, duplicated, wrong };
    const last = this.accuracy.at(-1);
    if (last !== undefined && this.bucketOf(last.time) === this.bucketOf(time)) {
      this.accuracy[this.accuracy.length - 1] = point;
    } else this.accuracy.push(point);
    // Times past the last event can outrun the buckets: the oldest go.
    if (this.accuracy.length > MAX_BUCKETS) this.accuracy.shift();
  }

  /** The bucket a time falls in, at the current width. */
  bucketOf(time: number): number {
    return Math.floor(time / this.width);
  }

  /** Closes every bucket that ends at or before `time`, widening the buckets when they run out. */
  advanceTo(time: number): void {
    while (time >= this.openEnd) {
      this.sample(this.open, this.openEnd);
      if (this.open + 1 === MAX_BUCKETS) this.mergePairs();
      this.open++;
      this.openEnd = (this.open + 1) * this.width;
    }
  }

  /** Start of the open bucket. */
  get openStart(): number {
    return this.open * this.width;
  }

  private written(id: number, time: number): void {
    this.recordsOut[this.open]!++;
    this.totalOut++;
    const read = this.reads.firstRead(id);
    if (read === undefined) {
      this.unknownLatency++;
      return;
    }
    const ms = time - read;
    (this.latencies[this.open] ??= new LatencyHistogram()).add(ms);
    this.totalLatency.add(ms);
  }

  /**
   * p50 and p99 of bucket `b`'s writes (null: none with a known latency). A closed bucket's never
   * change until the next merge, so they are computed once.
   */
  latencyQuantiles(b: number): [number | null, number | null] {
    const h = this.latencies[b] ?? null;
    if (h === null) return [null, null];
    if (b < this.open && !Number.isNaN(this.quantileCache[2 * b]!)) {
      return [this.quantileCache[2 * b]!, this.quantileCache[2 * b + 1]!];
    }
    const p50 = h.quantile(0.5)!;
    const p99 = h.quantile(0.99)!;
    if (b < this.open) {
      this.quantileCache[2 * b] = p50;
      this.quantileCache[2 * b + 1] = p99;
    }
    return [p50, p99];
  }

  private mark(marker: Marker): void {
    this.markers.push(marker);
    if (this.markers.length > MAX_MARKERS) this.markers.shift();
  }

  /** The engine's backlog and blocked time as of `end`, stored as bucket `b`'s end samples. */
  private sample(b: number, end: number): void {
    const { edges, sources, components } = this.lines;
    this.sampleInto(
      end,
      this.edgeSamples,
      b * edges,
      this.lagSamples,
      b * sources,
      this.blockedSamples,
      b * components,
    );
  }

  /**
   * The same samples as of `end` from the engine's state now, for buckets not closed yet (the open
   * one, and those after it when nothing was observed since).
   */
  liveSample(end: number): { edges: Float64Array; lags: Float64Array; blocked: Float64Array } {
    const { edges, sources, components } = this.lines;
    const live = {
      edges: new Float64Array(edges),
      lags: new Float64Array(sources),
      blocked: new Float64Array(components),
    };
    this.sampleInto(end, live.edges, 0, live.lags, 0, live.blocked, 0);
    return live;
  }

  private sampleInto(
    end: number,
    edges: Float64Array,
    e0: number,
    lags: Float64Array,
    s0: number,
    blocked: Float64Array,
    c0: number,
  ): void {
    const engine = this.engine;
    if (engine === null) return;
    const rt = engine.rt;
    edges.fill(0, e0, e0 + rt.edges.length);
    for (const ch of rt.channels) edges[e0 + ch.edge]! += ch.size;
    lags.fill(0, s0, s0 + this.lines.sources);
    rt.sourceInstances.forEach((inst, k) => {
      lags[s0 + this.sourceLine[k]!]! += inst.reader!.lagAt(end);
    });
    rt.components.forEach((comp, c) => {
      let ms = 0;
      for (const inst of comp.instances) {
        ms += inst.blockedTime + (inst.blockedSince >= 0 ? Math.max(0, end - inst.blockedSince) : 0);
      }
      blocked[c0 + c] = ms;
    });
  }

  /** Two neighbouring buckets become one of twice the width: counts add up, end samples keep the later. */
  private mergePairs(): void {
    const half = MAX_BUCKETS / 2;
    for (let i = 0; i < half; i++) {
      const a = 2 * i;
      const b = a + 1;
      this.recordsIn[i] = this.recordsIn[a]! + this.recordsIn[b]!;
      this.recordsOut[i] = this.recordsOut[a]! + this.recordsOut[b]!;
      const la = this.latencies[a] ?? null;
      const lb = this.latencies[b] ?? null;
      if (la !== null && lb !== null) la.merge(lb);
      this.latencies[i] = la ?? lb;
      for (const [samples, n] of this.sampleColumns()) samples.copyWithin(i * n, b * n, b * n + n);
    }
    this.recordsIn.fill(0, half);
    this.recordsOut.fill(0, half);
    this.latencies.fill(null, half);
    this.quantileCache.fill(NaN);
    for (const [samples, n] of this.sampleColumns()) samples.fill(0, half * n);
    this.width *= 2;
    this.open = half - 1;
    // The latest accuracy point of each new bucket.
    const points = this.accuracy.splice(0);
    for (const [k, p] of points.entries()) {
      const next = points[k + 1];
      if (next === undefined || this.bucketOf(next.time) !== this.bucketOf(p.time)) this.accuracy.push(p);
    }
  }

  private sampleColumns(): [Float64Array, number][] {
    return [
      [this.edgeSamples, this.lines.edges],
      [this.lagSamples, this.lines.sources],
      [this.blockedSamples, this.lines.components],
    ];
  }
}
