import { describe, expect, it } from 'vitest';
import aligned from '../../../scenarios/aligned-barriers.json';
import storageFailure from '../../../scenarios/checkpoint-storage-failure.json';
import offsets from '../../../scenarios/checkpointed-offsets.json';
import exactlyOnce from '../../../scenarios/exactly-once-sinks.json';
import systemUsage from '../../../scenarios/system-usage.json';
import { buildReport } from '../../cli/report.ts';
import { parseScenario, runScenario, type RunResult, type TraceEvent } from '../../engine/index.ts';
import type {
  CheckpointsRequest,
  CheckpointsView,
  CheckpointingView,
} from '../../protocol/panels/checkpoints.ts';
import { loaded, only, playTo, type TestHost } from '../testHost.ts';
import { record } from './checkpoints.ts';
import { CHECKPOINTS_KEPT, CheckpointRecorder } from './checkpoints/CheckpointRecorder.ts';

/** A host with `scenario` loaded and the checkpoints panel watched, played to `until` (or the end). */
function watched(scenario: unknown, until?: number, request: CheckpointsRequest = {}): TestHost {
  const host = loaded(scenario);
  only(host.command({ type: 'watch', panels: { checkpoints: request } }).answers, 'ok');
  if (until === undefined) {
    only(host.command({ type: 'play', speed: 'max' }).answers, 'ok');
    host.slices();
  } else playTo(host, until);
  return host;
}

function panel(host: TestHost): CheckpointsView {
  return host.pull().panels.checkpoints!;
}

function checkpointing(host: TestHost): CheckpointingView {
  const view = panel(host).checkpointing;
  if (view === null) throw new Error('no checkpointing in the view');
  return view;
}

/** The run the CLI reports for the same scenario, seed and stop time, with its trace. */
function direct(scenario: unknown, until?: number): { result: RunResult; events: TraceEvent[] } {
  const events: TraceEvent[] = [];
  const result = runScenario(parseScenario(scenario), {
    ...(until === undefined ? {} : { until }),
    observer: (e) => events.push(e),
  });
  return { result, events };
}

function lines(view: CheckpointingView) {
  return view.checkpoints.map((c) => ({
    id: c.id,
    triggeredAt: c.triggeredAt,
    completedAt: c.completedAt,
    failure: c.failure,
    alignmentMs: c.alignmentMs,
    stateSize: c.stateSize,
  }));
}

describe('checkpoints panel: the coordinator’s tables against the CLI', () => {
  it.each([
    ['exactly-once-sinks', exactlyOnce, 7500],
    ['exactly-once-sinks, to the end', exactlyOnce, undefined],
    ['checkpoint-storage-failure', storageFailure, 5900],
    ['checkpoint-storage-failure, to the end', storageFailure, undefined],
    ['checkpointed-offsets', offsets, 6300],
    ['aligned-barriers, to the end', aligned, undefined],
  ])('%s: checkpoints, recoveries and totals equal the report’s', (_name, scenario, until) => {
    const host = watched(scenario, until);
    const view = checkpointing(host);
    const { result } = direct(scenario, until);
    const report = buildReport('x.json', result);
    expect(host.pull().time).toBe(result.virtualTimeMs);
    expect(lines(view)).toEqual(report.checkpoints);
    expect(
      view.recoveries.map(({ at, reason, restoredCheckpoint, restartedAt }) => ({
        at,
        reason,
        restoredCheckpoint,
        restartedAt,
      })),
    ).toEqual(report.recoveries);
    // Every record read again after a restart is counted under that restart.
    expect(view.recoveries.reduce((n, r) => n + r.replayed, 0)).toBe(
      result.replays.filter((r) => r.cause === 'rewind').length,
    );
    const history = result.checkpoints;
    expect(view.totals).toEqual({
      triggered: history.length,
      completed: history.filter((c) => c.completedAt !== undefined).length,
      failed: view.checkpoints.filter((c) => c.outcome === 'failed').length,
      subsumed: view.checkpoints.filter((c) => c.outcome === 'subsumed').length,
      aborted: view.checkpoints.filter((c) => c.outcome === 'aborted').length,
    });
    const snap = result.snapshot.checkpointing!;
    expect(view.consecutiveFailures).toBe(snap.consecutiveFailures);
    expect(view.job).toBe(snap.state);
    expect(view.checkpoints.filter((c) => c.retained).map((c) => c.id)).toEqual(snap.retained);
  });

  it('exactly-once-sinks: checkpoint 5 restored after the crash, 60 records read again, one transaction aborted', () => {
    const view = checkpointing(watched(exactlyOnce, 6500));
    expect(view.mode).toBe('exactly-once');
    expect(view.recoveries).toEqual([
      {
        at: 5600,
        reason: 'counter#0 crashed',
        restoredCheckpoint: 5,
        restartedAt: 6100,
        replayed: 60,
        abortedTxns: 1,
      },
    ]);
    expect(view.checkpoints.map((c) => [c.id, c.outcome])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
      [3, 'completed'],
      [4, 'completed'],
      [5, 'completed'],
    ]);
    // The store keeps the newest three (retained: 3).
    expect(view.checkpoints.filter((c) => c.retained).map((c) => c.id)).toEqual([3, 4, 5]);
  });

  it('checkpoint-storage-failure: 4, 5 and 6 declined at their trigger; 2 failures in a row tolerated, the third fails the job over', () => {
    const at5900 = checkpointing(watched(storageFailure, 5900));
    expect(at5900.consecutiveFailures).toBe(2);
    expect(at5900.settings.tolerableFailures).toBe(2);
    const end = checkpointing(watched(storageFailure));
    const failed = end.checkpoints.filter((c) => c.outcome === 'failed');
    expect(failed.map((c) => c.id)).toEqual([4, 5, 6]);
    for (const c of failed) {
      // The source declines at the trigger: the checkpoint is aborted at once.
      expect(c.abortedAt).toBe(c.triggeredAt);
      expect(c.failure).toContain('checkpoint storage unavailable');
    }
    expect(end.recoveries).toHaveLength(1);
    expect(end.recoveries[0]).toMatchObject({ restoredCheckpoint: 3, replayed: 300, abortedTxns: 3 });
    expect(end.totals).toMatchObject({ failed: 3, aborted: 0, subsumed: 0 });
  });

  it('an in-progress checkpoint shows its acknowledgements and when it expires', () => {
    // Checkpoint 3 of the aligned-barriers run is in progress from 3000 to 3316.
    const view = checkpointing(watched(aligned, 3100));
    const c3 = view.checkpoints.find((c) => c.id === 3)!;
    const { result } = direct(aligned, 3100);
    const pending = result.snapshot.checkpointing!.pending;
    expect(pending).toHaveLength(1);
    expect(c3).toMatchObject({
      outcome: 'in-progress',
      completedAt: null,
      acknowledged: pending[0]!.acknowledged,
      tasks: pending[0]!.tasks,
      expiresAt: 3000 + view.settings.timeout,
    });
    expect(c3.acknowledged).toBeLessThan(c3.tasks);
  });
});

describe('checkpoints panel: instances of the selected checkpoint, from the trace', () => {
  /** Every instance's span against the coordinator's acknowledgements and the trace's barrier events. */
  function expectSpansConsistent(scenario: unknown, id: number, until?: number) {
    const view = checkpointing(watched(scenario, until, { checkpoint: id }));
    const { result, events } = direct(scenario, until);
    const record = result.checkpoints.find((c) => c.id === id)!;
    const detail = view.detail!;
    expect(detail.id).toBe(id);
    expect(detail.recorded).toBe(true);
    expect(detail.spans).toHaveLength(result.snapshot.components.reduce((n, c) => n + c.parallelism, 0));
    for (const ack of record.acks) {
      const span = detail.spans.find((s) => s.instance === ack.instance)!;
      expect(span.snapshotAt).toBe(record.triggeredAt + ack.at);
      expect(span.size).toBe(ack.size);
      expect(span.declined).toBe(false);
      if (span.role === 'source') expect(span.firstBarrierAt).toBeNull();
      // Aligned: the alignment runs from the first barrier to the snapshot (the last barrier).
      else if (view.mode === 'exactly-once')
        expect(span.snapshotAt! - span.firstBarrierAt!).toBe(ack.alignmentMs);
    }
    for (const span of detail.spans) {
      const barriers = events.filter(
        (e) => e.type === 'barrier' && e.id === id && e.instance === span.instance && e.decision !== 'ignore',
      );
      expect(span.barriers).toBe(barriers.length);
      expect(span.firstBarrierAt).toBe(barriers[0]?.time ?? null);
      if (span.snapshotAt !== null && span.role !== 'source') expect(span.barriers).toBe(span.inputs);
    }
    return { view, result };
  }

  it('aligned-barriers checkpoint 3: each counter aligned about 0.3 s, blocked on the fast input', () => {
    const { view } = expectSpansConsistent(aligned, 3);
    const counters = view.detail!.spans.filter((s) => s.component === 'per-customer');
    expect(counters.map((s) => s.inputs)).toEqual([2, 2]);
    for (const s of counters) expect(s.snapshotAt! - s.firstBarrierAt!).toBeGreaterThan(250);
  });

  it.each([
    ['exactly-once-sinks', 5, exactlyOnce],
    ['checkpointed-offsets (at-least-once: counted, never blocked)', 6, offsets],
    ['aligned-barriers', 4, aligned],
  ])('%s checkpoint %i: spans agree with the acknowledgements and the barriers', (_n, id, scenario) => {
    expectSpansConsistent(scenario, id);
  });

  it('a retained checkpoint shows the offsets each source saved; one that left the store does not', () => {
    const { result } = direct(exactlyOnce);
    const view = checkpointing(watched(exactlyOnce, undefined, { checkpoint: 9 }));
    const source = view.detail!.spans.find((s) => s.role === 'source')!;
    const saved = result.snapshot.checkpointing!.retained;
    expect(saved).toContain(9);
    expect(source.offsets).not.toBeNull();
    expect(source.offsets!.map((o) => o.offset)).toEqual(
      // The whole log was read by the end, and checkpoint 9 came after its last record.
      result.snapshot.components.find((c) => c.id === 'clicks')!.instances[0]!.source!.positions,
    );
    const old = checkpointing(watched(exactlyOnce, undefined, { checkpoint: 2 }));
    expect(old.detail!.spans.find((s) => s.role === 'source')!.offsets).toBeNull();
  });

  it('storage failure: the declined snapshot is marked, at the trigger', () => {
    const view = checkpointing(watched(storageFailure, undefined, { checkpoint: 4 }));
    const source = view.detail!.spans.find((s) => s.role === 'source')!;
    expect(source).toMatchObject({ declined: true, snapshotAt: 4000 });
  });

  it('lists the selected checkpoint’s transactions: pre-committed, then committed and visible', () => {
    const view = checkpointing(watched(exactlyOnce, 5001, { checkpoint: 5 }));
    // At 5001 checkpoint 5 is in progress: the ledger's barrier has not come, its transaction is open.
    expect(view.detail!.transactions).toEqual([
      expect.objectContaining({ sink: 'committed-log', state: 'open', visible: false }),
    ]);
    const done = checkpointing(watched(exactlyOnce, 5500, { checkpoint: 5 }));
    expect(done.detail!.transactions).toEqual([
      expect.objectContaining({ sink: 'committed-log', txn: 5, state: 'committed', visible: true }),
    ]);
  });

  it('with no checkpoint asked for, or one it does not list, lays out the newest', () => {
    expect(checkpointing(watched(exactlyOnce, 3500)).detail!.id).toBe(3);
    expect(checkpointing(watched(exactlyOnce, 3500, { checkpoint: 40 })).detail!.id).toBe(3);
    expect(checkpointing(watched(exactlyOnce, 3500, { checkpoint: 2 })).detail!.id).toBe(2);
    expect(checkpointing(watched(exactlyOnce, 500)).detail).toBeNull();
  });
});

describe('checkpoints panel: runs without checkpoints', () => {
  it('says so (the view carries the semantics to explain how to turn them on) and records nothing', () => {
    const view = panel(watched(systemUsage, 1000));
    expect(view).toMatchObject({ checkpointing: null, semantics: 'at-most-once' });
    expect(record(parseScenario(systemUsage))).toBeNull();
    const acking = parseScenario({ ...systemUsage, semantics: 'at-least-once' });
    expect(record(acking)).toBeNull();
    expect(
      record(parseScenario({ ...systemUsage, semantics: 'at-least-once', ackMode: 'checkpoint' })),
    ).not.toBeNull();
  });
});

describe('CheckpointRecorder', () => {
  it(`keeps the newest ${CHECKPOINTS_KEPT} checkpoints only, and counts every one`, () => {
    const recorder = new CheckpointRecorder();
    for (let id = 1; id <= CHECKPOINTS_KEPT + 10; id++) {
      recorder.observe({ type: 'checkpoint', time: id * 10, id, event: 'triggered' });
      recorder.observe({
        type: 'barrier',
        time: id * 10 + 1,
        instance: 1,
        channel: 0,
        id,
        decision: 'complete',
      });
      recorder.observe({
        type: 'checkpoint',
        time: id * 10 + 2,
        id,
        event: 'aborted',
        reason: 'subsumed: x',
      });
    }
    expect(recorder.checkpoint(10)).toBeUndefined();
    expect(recorder.checkpoint(11)).toMatchObject({ id: 11, abortedAt: 112 });
    expect(recorder.checkpoint(11)!.spans.get(1)).toMatchObject({ barriers: 1, firstBarrierAt: 111 });
    expect(recorder.totals).toEqual({
      triggered: CHECKPOINTS_KEPT + 10,
      completed: 0,
      failed: 0,
      subsumed: CHECKPOINTS_KEPT + 10,
      aborted: 0,
    });
  });

  it('ignores stale barriers and events of checkpoints it does not keep', () => {
    const recorder = new CheckpointRecorder();
    recorder.observe({ type: 'barrier', time: 1, instance: 1, channel: 0, id: 7, decision: 'block' });
    recorder.observe({ type: 'checkpoint', time: 2, id: 8, event: 'triggered' });
    recorder.observe({ type: 'barrier', time: 3, instance: 1, channel: 0, id: 8, decision: 'ignore' });
    recorder.observe({ type: 'snapshot', time: 4, instance: 0, id: 9, size: 1, declined: false });
    expect(recorder.checkpoint(7)).toBeUndefined();
    expect(recorder.checkpoint(8)!.spans.size).toBe(0);
    expect(recorder.checkpoint(9)).toBeUndefined();
  });
});
