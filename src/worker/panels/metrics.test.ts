import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import exactlyOnce from '../../../scenarios/exactly-once-sinks.json';
import fraud from '../../../scenarios/fraud-detection.json';
import storageFailure from '../../../scenarios/checkpoint-storage-failure.json';
import systemUsage from '../../../scenarios/system-usage.json';
import { buildReport } from '../../cli/report.ts';
import {
  engineFor,
  parseScenario,
  runScenario,
  type CheckpointRecord,
  type Engine,
  type Scenario,
  type TraceEvent,
} from '../../engine/index.ts';
import { failuresArb, jobArb } from '../../engine/test/arbitraries.ts';
import { TestEngine } from '../../engine/test/TestEngine.ts';
import type { Frame } from '../../protocol/messages.ts';
import { MAX_BUCKETS, MAX_CHECKPOINTS, MetricsView } from '../../protocol/panels/metrics.ts';
import { loaded, only, playTo, type TestHost } from '../testHost.ts';
import { baseBucketWidth } from './metrics/bucketWidth.ts';
import { binOf } from './metrics/LatencyHistogram.ts';
import { MetricsRecorder } from './metrics/MetricsRecorder.ts';
import { buildMetricsView, checkpointPoints } from './metrics/view.ts';
import { sourceOf } from './testSource.ts';

const SCENARIOS = { fraud, systemUsage, exactlyOnce } as const;

function watching(scenario: unknown): TestHost {
  const host = loaded(scenario);
  only(host.command({ type: 'watch', panels: { metrics: {} } }).answers, 'ok');
  return host;
}

/** Plays at full speed to the end; the last frame. */
function runToEnd(host: TestHost): Frame {
  only(host.command({ type: 'play', speed: 'max' }).answers, 'ok');
  while (host.queued > 0) host.slices(1);
  return host.pull();
}

function metricsOf(frame: Frame): MetricsView {
  return MetricsView.parse(frame.panels.metrics);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Records the sources read and the sinks wrote, from the CLI's report of the same run. */
function cliTotals(scenario: Scenario, until?: number) {
  const report = buildReport('x.json', runScenario(scenario, until === undefined ? {} : { until }));
  const comps = Object.values(report.components);
  return {
    report,
    read: sum(comps.filter((c) => c.role === 'source').map((c) => c.received)),
    written: sum(comps.filter((c) => c.role === 'sink').map((c) => c.delivered)),
  };
}

describe('metrics panel: throughput against the engine and the CLI', () => {
  for (const [name, file] of Object.entries(SCENARIOS)) {
    it(`${name}: to the end, in and out add up to the sources' reads and the sinks' writes`, () => {
      const scenario = parseScenario(file);
      const frame = runToEnd(watching(file));
      const view = metricsOf(frame);
      const cli = cliTotals(scenario);
      expect(frame.status).toBe('done');
      expect(sum(view.recordsIn)).toBe(cli.read);
      expect(sum(view.recordsOut)).toBe(cli.written);
      expect(view.totals).toMatchObject({ recordsIn: cli.read, recordsOut: cli.written });
      // Every write has a latency (nothing forgotten in runs this size).
      expect(view.totals.latency.count + view.totals.latency.unknown).toBe(cli.written);
      expect(view.totals.latency.unknown).toBe(0);
      // The engine's own sink counters: writes, minus what an idempotent sink skipped.
      const snapshotWrites = sum(frame.components.map((c) => c.sink?.writes ?? 0));
      // (exactly-once's upsert sink skips replayed writes: they count as handled, not as table writes)
      if (name === 'exactlyOnce') expect(snapshotWrites).toBeLessThan(cli.written);
      else expect(snapshotWrites).toBe(cli.written);
      expect(view.recordsIn.length).toBeLessThanOrEqual(MAX_BUCKETS);
    });

    it(`${name}: stopped at 4321 ms, the same as the CLI's --until 4321`, () => {
      const scenario = parseScenario(file);
      const host = watching(file);
      playTo(host, 4321);
      const view = metricsOf(host.pull());
      const cli = cliTotals(scenario, 4321);
      expect(view.time).toBe(4321);
      expect(sum(view.recordsIn)).toBe(cli.read);
      expect(sum(view.recordsOut)).toBe(cli.written);
      // Buckets of 50 ms from 0: the open one is [4300, 4321].
      expect(view.bucketMs).toBe(50);
      expect(view.recordsIn).toHaveLength(87);
      expect(view.openMs).toBe(21);
    });
  }

  it('system usage: the append sink wrote what the CLI lists as its rows', () => {
    const view = metricsOf(runToEnd(watching(systemUsage)));
    const { report } = cliTotals(parseScenario(systemUsage));
    expect(sum(view.recordsOut)).toBe(report.sinks['usage-writer']!.length);
  });
});

/** A run with a recorder and a brute-force log of every read and sink write, from the same trace. */
function recordedRun(scenario: Scenario, until: number, recorder = new MetricsRecorder(scenario.runFor)) {
  const reads: { id: number; time: number }[] = [];
  const writes: { id: number; time: number }[] = [];
  let engine: Engine | null = null;
  const observer = (e: TraceEvent) => {
    recorder.observe(e);
    if (e.type === 'read') reads.push({ id: e.id, time: e.time });
    if (e.type === 'process' && e.ok && engine!.rt.instances[e.instance]!.component.plan.role === 'sink') {
      writes.push({ id: e.id, time: e.time });
    }
  };
  engine = engineFor(scenario, { observer });
  recorder.attach(engine);
  engine.runUntil(until);
  const view = buildMetricsView(sourceOf(scenario, engine), recorder);
  return { engine, recorder, view: MetricsView.parse(view), reads, writes };
}

function nearestRank(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe('metrics panel: end-to-end latency', () => {
  it('p50 and p99 per bucket match a brute-force computation from the trace (exactly-once, replays after a failover)', () => {
    const scenario = parseScenario(exactlyOnce);
    const { view, reads, writes } = recordedRun(scenario, 7000);
    const firstRead = new Map<number, number>();
    for (const r of reads) if (!firstRead.has(r.id)) firstRead.set(r.id, r.time);
    const byBucket = new Map<number, number[]>();
    for (const w of writes) {
      const b = Math.floor(w.time / view.bucketMs);
      byBucket.set(b, [...(byBucket.get(b) ?? []), w.time - firstRead.get(w.id)!]);
    }
    expect(byBucket.size).toBeGreaterThan(100);
    let checked = 0;
    view.latencyP50.forEach((p50, b) => {
      const latencies = byBucket.get(b);
      if (latencies === undefined) {
        expect(p50).toBeNull();
        return;
      }
      for (const [q, got] of [
        [0.5, p50],
        [0.99, view.latencyP99[b]],
      ] as const) {
        const exact = nearestRank(latencies, q);
        expect(binOf(got!)).toBe(binOf(exact));
        expect(Math.abs(got! - exact)).toBeLessThanOrEqual(0.05 * exact + 0.01);
      }
      checked++;
    });
    expect(checked).toBe(byBucket.size);
    // Replays count from the first read: the rows re-read after the failover at 5600 waited longer.
    const all = writes.map((w) => w.time - firstRead.get(w.id)!);
    expect(view.totals.latency.max).toBe(Math.max(...all));
    expect(Math.max(...all)).toBeGreaterThan(500);
  });

  it('latencies are exact when whole milliseconds fall in bins of their own (fraud detection)', () => {
    const scenario = parseScenario(fraud);
    const { view, reads, writes } = recordedRun(scenario, 2000);
    const firstRead = new Map(reads.map((r) => [r.id, r.time]));
    const latencies = writes.map((w) => w.time - firstRead.get(w.id)!);
    expect(view.totals.latency.p50).toBe(nearestRank(latencies, 0.5));
    expect(view.totals.latency.p99).toBe(nearestRank(latencies, 0.99));
  });
});

describe('metrics panel: bounded series', () => {
  it('seed 4205: however far a run goes past runFor, buckets stay within MAX_BUCKETS and nothing is lost', () => {
    fc.assert(
      fc.property(
        jobArb.chain((g) =>
          fc.tuple(
            fc.constant(g),
            failuresArb(g, 600),
            fc.constantFrom('at-most-once', 'at-least-once', 'exactly-once' as const),
            fc.integer({ min: 1, max: 40 }),
          ),
        ),
        ([g, failures, semantics, runFor]) => {
          // The recorder believes the run lasts `runFor` ms; it lasts 600 ms and more.
          const recorder = new MetricsRecorder(runFor);
          const t = TestEngine.of(g.job, {
            runFor: 600,
            failures,
            semantics,
            observe: (e) => recorder.observe(e),
          });
          recorder.attach(t.engine);
          t.run();
          const engine = t.engine;
          const view = MetricsView.parse(
            buildMetricsView(sourceOf({ runFor } as Scenario, engine), recorder),
          );
          expect(recorder.open).toBeLessThan(MAX_BUCKETS);
          expect(view.recordsIn.length).toBeLessThanOrEqual(MAX_BUCKETS);
          const widenings = Math.log2(view.bucketMs / baseBucketWidth(runFor));
          expect(Number.isInteger(widenings)).toBe(true);
          expect(view.recordsIn.length * view.bucketMs).toBeGreaterThanOrEqual(engine.now);
          const snap = engine.snapshot();
          const of = (role: string, k: 'received' | 'delivered') =>
            sum(snap.components.filter((c) => c.role === role).map((c) => c[k]));
          expect(sum(view.recordsIn)).toBe(of('source', 'received'));
          expect(sum(view.recordsOut)).toBe(of('sink', 'delivered'));
          for (const line of [...view.backlog, ...view.backpressure])
            expect(line.values).toHaveLength(view.recordsIn.length);
        },
      ),
      { seed: 4205, numRuns: 40 },
    );
  });

  it('a run 50 times longer than its runFor widens its buckets and keeps every count', () => {
    const scenario = parseScenario(systemUsage);
    const { view, recorder } = recordedRun(scenario, Infinity, new MetricsRecorder(200));
    // Widened just enough: 300 buckets reach past the end, 300 of half the width would not.
    expect(view.bucketMs).toBe(baseBucketWidth(200) * 2 ** 6);
    expect(MAX_BUCKETS * view.bucketMs).toBeGreaterThan(view.time);
    expect((MAX_BUCKETS * view.bucketMs) / 2).toBeLessThan(view.time);
    expect(recorder.open).toBeLessThan(MAX_BUCKETS);
    expect(sum(view.recordsIn)).toBe(cliTotals(scenario).read);
  });
});

describe('metrics panel: backlog', () => {
  it('a closed bucket holds the channels as they were at its end; a finished run has none left', () => {
    const host = watching(fraud);
    playTo(host, 3000);
    const atEnd = host.pull();
    const perEdge = new Map<number, number>();
    for (const ch of atEnd.channels) perEdge.set(ch.edge, (perEdge.get(ch.edge) ?? 0) + ch.size);
    const done = metricsOf(runToEnd(host));
    const bucket = 3000 / done.bucketMs - 1;
    for (const [edge, size] of perEdge) {
      const line = done.backlog.find((l) => l.key === `edge:${edge}`)!;
      expect(Math.abs(line.values[bucket]! - size)).toBeLessThanOrEqual(1);
    }
    expect(done.backlog.every((l) => l.values.at(-1) === 0)).toBe(true);
  });
});

describe('metrics panel: checkpoints, markers, accuracy', () => {
  for (const file of [exactlyOnce, storageFailure]) {
    const scenario = parseScenario(file);
    it(`${scenario.title}: the checkpoints are the CLI's, with their durations`, () => {
      const view = metricsOf(runToEnd(watching(file)));
      const { report } = cliTotals(scenario);
      expect(view.checkpoints.length).toBeGreaterThan(5);
      expect(view.checkpointsTotal).toBe(report.checkpoints.length);
      expect(view.checkpoints.map(({ durationMs: _, ...c }) => c)).toEqual(report.checkpoints);
      for (const c of view.checkpoints) {
        expect(c.durationMs).toBe(c.completedAt === null ? null : c.completedAt - c.triggeredAt);
      }
    });
  }

  it('beyond MAX_CHECKPOINTS, the longest of each bucket is listed, a failed one first', () => {
    const history: CheckpointRecord[] = Array.from({ length: 1000 }, (_, i) => ({
      id: i + 1,
      triggeredAt: i * 10,
      ...(i === 503 ? { failure: 'expired' } : { completedAt: i * 10 + (i % 7) }),
      alignmentMs: 0,
      stateSize: i,
      acks: [],
    }));
    const points = checkpointPoints(history, 50);
    expect(points.length).toBeLessThanOrEqual(MAX_CHECKPOINTS);
    expect(points).toHaveLength(200);
    expect(points.some((c) => c.failure === 'expired')).toBe(true);
    // Each bucket of 50 ms holds five checkpoints; the one listed is the longest of them.
    for (const c of points.filter((p) => p.failure === null)) {
      const bucket = history.filter((h) => Math.floor(h.triggeredAt / 50) === Math.floor(c.triggeredAt / 50));
      expect(c.durationMs).toBe(Math.max(...bucket.map((h) => (h.completedAt ?? 0) - h.triggeredAt)));
    }
    expect(checkpointPoints(history.slice(0, 300), 50)).toHaveLength(300);
  });

  it('system usage: markers at the scripted failures and the restart', () => {
    const view = metricsOf(runToEnd(watching(systemUsage)));
    expect(view.markers.map((m) => [m.time, m.kind])).toEqual([
      [3000, 'failure'],
      [6000, 'failure'],
      [7000, 'restart'],
    ]);
    expect(view.markers[1]!.text).toBe('crash analyzer#1 (back after 1000 ms)');
    expect(view.checkpointing).toBeNull();
    expect(view.checkpoints).toEqual([]);
  });

  it('exactly-once: the failover, the job restart and each completed checkpoint are marked', () => {
    const scenario = parseScenario(exactlyOnce);
    const view = metricsOf(runToEnd(watching(exactlyOnce)));
    const result = runScenario(scenario);
    const kinds = (k: string) => view.markers.filter((m) => m.kind === k).map((m) => m.time);
    expect(kinds('failure')).toEqual([5600]);
    expect(kinds('failover')).toEqual(result.recoveries.map((r) => r.at));
    expect(kinds('restart')).toEqual(result.recoveries.map((r) => r.restartedAt));
    expect(kinds('checkpoint')).toEqual(
      result.checkpoints.filter((c) => c.completedAt !== undefined).map((c) => c.completedAt),
    );
  });

  it('a checkpoint storage failure marks the declined checkpoints', () => {
    const view = metricsOf(runToEnd(watching(storageFailure)));
    const failed = view.markers.filter((m) => m.kind === 'checkpoint-failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const m of failed) expect(m.text).toMatch(/^checkpoint \d+ failed: declined/);
  });

  it("the last accuracy point is the frame's accuracy, at its time", () => {
    const host = watching(systemUsage);
    playTo(host, 2500);
    playTo(host, 6500);
    const paused = host.pull();
    const view = metricsOf(paused);
    expect(view.accuracy.at(-1)).toEqual({
      time: paused.accuracyTime,
      score: paused.accuracy.score,
      correct: paused.accuracy.correct,
      missing: paused.accuracy.missing,
      duplicated: paused.accuracy.duplicated,
      wrong: paused.accuracy.wrong,
    });
    expect(view.accuracy.map((a) => a.time)).toEqual([0, 2500, 6500]);
    const done = runToEnd(host);
    expect(metricsOf(done).accuracy.at(-1)).toMatchObject({ time: done.time, score: done.accuracy.score });
  });
});

describe('metrics panel: frame size', () => {
  it('fraud detection to the end: the view is a few kilobytes of JSON (about 7 KB; the frame about 15 KB)', () => {
    const frame = runToEnd(watching(fraud));
    const viewBytes = JSON.stringify(frame.panels.metrics).length;
    const frameBytes = JSON.stringify(frame).length;
    expect(viewBytes).toBeLessThan(8 * 1024);
    expect(frameBytes - viewBytes).toBeLessThan(10 * 1024);
  });
});
