import { describe, expect, it } from 'vitest';
import ackerTimeouts from '../../../scenarios/acker-timeouts.json';
import replayOrder from '../../../scenarios/replay-order.json';
import systemUsage from '../../../scenarios/system-usage.json';
import { engineFor, parseScenario, runScenario, type Engine } from '../../engine/index.ts';
import type { AckerRequest, AckerView } from '../../protocol/panels/acker.ts';
import { loaded, only, playTo, type TestHost } from '../testHost.ts';
import { MAX_ROOTS } from './acker.ts';
import { MAX_ROWS } from './acker/buffers.ts';

type On = Extract<AckerView, { mode: 'acking' }>;

/** A host with the scenario loaded and the acknowledger panel watched (pointed at `request`). */
function watching(scenario: unknown, request: AckerRequest = {}): TestHost {
  const host = loaded(scenario);
  only(host.command({ type: 'watch', panels: { acker: request } }).answers, 'ok');
  return host;
}

function point(host: TestHost, request: AckerRequest): On {
  only(host.command({ type: 'watch', panels: { acker: request } }).answers, 'ok');
  return on(host);
}

/** The acknowledger's view in the next frame (it passed the protocol's schema on the way). */
function on(host: TestHost): On {
  const view = host.pull().panels.acker!;
  if (view.mode !== 'acking') throw new Error('acking is off');
  return view;
}

/** The same run as the host's, in this process, stopped at the same time (the playground keeps 200 trees). */
function direct(scenario: unknown, until: number): Engine {
  const engine = engineFor(parseScenario(scenario), { keepTrees: 200 });
  engine.runUntil(until);
  return engine;
}

describe('acknowledger panel: counters and buffers', () => {
  it("the counters are the CLI's acker stats at the same stop time, and the time is the engine's", () => {
    const scenario = parseScenario(ackerTimeouts);
    const host = watching(ackerTimeouts);
    for (const t of [1500, 3100, 4200]) {
      playTo(host, t);
      const view = on(host);
      expect(view.time).toBe(t);
      expect(view.stats).toEqual(runScenario(scenario, { until: t }).acker);
    }
    // By 4200 the crash made trees time out and their events were replayed.
    const last = on(host).stats;
    expect(last.timedOut).toBeGreaterThan(0);
    expect(last.replayed).toBe(last.timedOut);
  });

  it('pending buffers and ledgers are the engine’s, by instance name, oldest first, capped', () => {
    // A slow enrich keeps many roots pending at once.
    const slow = structuredClone(ackerTimeouts);
    slow.job.components[1]!.cost = 400;
    const host = watching(slow);
    playTo(host, 1500);
    const view = on(host);
    const engine = direct(slow, 1500);
    const pending = engine.acking!.pending[0]!.list();
    expect(pending.length).toBeGreaterThan(MAX_ROWS);
    const [clicks] = view.sources;
    expect(clicks).toMatchObject({ name: 'clicks#0', pendingCount: pending.length, atLimit: false });
    expect(clicks!.pending.map((e) => e.root)).toEqual(pending.slice(0, MAX_ROWS).map((e) => e.root));
    for (const e of clicks!.pending) {
      // Storm's window: a pending root times out one to two timeouts after its emission.
      expect(e.expiresAt! - e.emittedAt).toBeGreaterThanOrEqual(1000);
      expect(e.expiresAt! - e.emittedAt).toBeLessThanOrEqual(2000);
    }
    const [acker] = view.ackers;
    const entries = engine.acking!.acker.entries(0);
    expect(acker).toMatchObject({ name: 'acker#0', up: true, count: entries.length });
    expect(acker!.rows.length).toBe(MAX_ROWS);
    expect(acker!.rows[0]).toMatchObject({ root: entries[0]!.root, source: 'clicks#0', failed: false });
    expect(acker!.rows[0]!.value).toMatch(/^[0-9a-f]{16}$/);
    expect(acker!.rows[0]!.value).not.toBe('0'.repeat(16));
  });

  it('at the limit the source is marked blocked', () => {
    const limited = structuredClone(ackerTimeouts);
    limited.acking.maxPending = 3;
    limited.job.components[1]!.cost = 400;
    const host = watching(limited);
    playTo(host, 1000);
    expect(on(host).sources[0]).toMatchObject({ pendingCount: 3, atLimit: true });
  });
});

describe('acknowledger panel: roots and trees', () => {
  it('following: the newest root and its tree, the same as the engine records', () => {
    const host = watching(ackerTimeouts);
    playTo(host, 1234);
    const view = on(host);
    const engine = direct(ackerTimeouts, 1234);
    const trees = engine.acking!.trees!.list();
    const newest = trees.at(-1)!;
    expect(view.following).toBe(true);
    expect(view.kept).toBe(trees.length);
    expect(view.roots.length).toBe(Math.min(MAX_ROOTS, trees.length));
    expect(view.roots.map((r) => r.root)).toEqual(
      trees
        .slice(-MAX_ROOTS)
        .reverse()
        .map((t) => t.root),
    );
    const tree = view.tree!;
    expect(tree).toMatchObject({
      root: newest.root,
      event: newest.id,
      source: 'clicks#0',
      partition: newest.partition,
      offset: newest.offset,
      attempt: 1,
      status: newest.status,
      ackValue: newest.ackValue,
      acker: 'acker#0',
      ackerUp: true,
    });
    expect(tree.edges.map((e) => [e.id, e.parent, e.status])).toEqual(
      newest.edges.map((e) => [e.id, e.parent, e.status]),
    );
    expect(tree.edges[0]).toMatchObject({ from: 'clicks#0', toRole: 'operator', parent: null });
    expect(tree.edges[0]!.to).toMatch(/^enrich#[01]$/);
  });

  it('an acked tree has value 0; a pending one holds the XOR of its pending edges; filtered clicks are early outs', () => {
    const host = watching(ackerTimeouts);
    playTo(host, 1500);
    const engine = direct(ackerTimeouts, 1500);
    const trees = engine.acking!.trees!.list();
    const acked = trees.filter((t) => t.status === 'acked');
    const early = acked.find((t) => t.edges.length === 2)!;
    const shownEarly = point(host, { root: early.root }).tree!;
    expect(shownEarly.ackValue).toBe('0'.repeat(16));
    expect(shownEarly.pendingXor).toBe('0'.repeat(16));
    expect(shownEarly.inLedger).toBe(false);
    // Two edges: clicks → enrich, enrich → valuable; the filter dropped it: an early out, acked.
    expect(shownEarly.edges.map((e) => [e.to.split('#')[0], e.earlyOut])).toEqual([
      ['enrich', false],
      ['valuable', true],
    ]);
    const written = acked.find((t) => t.edges.length === 3)!;
    const shownWritten = point(host, { root: written.root }).tree!;
    expect(shownWritten.edges.map((e) => e.earlyOut)).toEqual([false, false, false]);
    expect(shownWritten.edges[2]!.toRole).toBe('sink');
    expect(shownWritten.delivered).toEqual([{ sink: 'writer', times: 1 }]);
    const open = [...trees].reverse().find((t) => t.status === 'pending')!;
    const shownOpen = point(host, { root: open.root }).tree!;
    expect(shownOpen.ackValue).not.toBe('0'.repeat(16));
    expect(shownOpen.pendingXor).toBe(shownOpen.ackValue);
    expect(shownOpen.inLedger).toBe(true);
  });

  it('a timed-out root links to its replay (same message id, attempt 2, acked) and back', () => {
    const host = watching(ackerTimeouts, { filter: 'failed' });
    playTo(host, 4500);
    const view = on(host);
    const replays = runScenario(parseScenario(ackerTimeouts), { until: 4500 }).replays;
    expect(view.matching).toBe(replays.length);
    expect(view.roots.every((r) => r.status === 'timed-out')).toBe(true);
    // Following under a filter: the newest root it lets through.
    expect(view.tree!.root).toBe(view.roots[0]!.root);
    for (const listed of view.roots) {
      const failed = point(host, { root: listed.root, filter: 'failed' }).tree!;
      expect(failed.status).toBe('timed-out');
      // The tuple never acked went to the crashed instance, or left it as it crashed (lost in flight).
      const unacked = failed.edges.filter((e) => e.status === 'pending');
      expect(unacked).toHaveLength(1);
      expect([unacked[0]!.from, unacked[0]!.to]).toContain('enrich#1');
      expect(failed.pendingXor).toBe(unacked[0]!.id);
      expect(failed.replayedAs).not.toBeNull();
      const replay = point(host, { root: failed.replayedAs!, filter: 'failed' }).tree!;
      expect(replay).toMatchObject({
        event: failed.event,
        partition: failed.partition,
        offset: failed.offset,
        attempt: 2,
        status: 'acked',
        replayOf: failed.root,
        replayedAs: null,
      });
      const record = replays.find((r) => r.root === replay.root)!;
      expect(record).toMatchObject({ id: failed.event, cause: 'timed-out', attempt: 2 });
      expect(replay.attempts).toEqual([
        { root: failed.root, attempt: 1, emittedAt: failed.emittedAt, cause: 'first', status: 'timed-out' },
        { root: replay.root, attempt: 2, emittedAt: record.time, cause: 'timed-out', status: 'acked' },
      ]);
    }
  });

  it('an explicitly failed root (replay-order) is replayed after later events', () => {
    const host = watching(replayOrder, { filter: 'replays' });
    only(host.command({ type: 'play', speed: 'max' }).answers, 'ok');
    host.slices();
    const view = on(host);
    expect(view.stats).toEqual(runScenario(parseScenario(replayOrder)).acker);
    const replay = view.tree!;
    expect(replay).toMatchObject({ attempt: 2, status: 'acked' });
    const failed = point(host, { root: replay.replayOf! }).tree!;
    expect(failed).toMatchObject({ status: 'failed', event: replay.event, replayedAs: replay.root });
    expect(failed.edges[0]).toMatchObject({ to: 'analyzer#0', status: 'failed' });
    // B, C and D were emitted before the replay of A.
    expect(view.roots.length).toBe(1);
    expect(replay.root).toBeGreaterThan(3);
  });

  it('a root no longer kept is said to be missing', () => {
    const host = watching(ackerTimeouts);
    playTo(host, 500);
    const view = point(host, { root: 100_000 });
    expect(view).toMatchObject({ tree: null, missing: 100_000, following: false });
  });

  it('a batch tuple names the other events it is anchored to', () => {
    const batched = structuredClone(ackerTimeouts);
    batched.failures = [];
    batched.job.components.splice(2, 1, { id: 'valuable', kind: 'batch', size: 4 } as never);
    const host = watching(batched);
    playTo(host, 2000);
    const engine = direct(batched, 2000);
    const tree = engine.acking!.trees!.list().find((t) => t.status === 'acked')!;
    const shown = point(host, { root: tree.root }).tree!;
    const toSink = shown.edges.find((e) => e.toRole === 'sink')!;
    expect(toSink.anchoredTo).toBe(4);
    expect(toSink.alsoRoots).toHaveLength(3);
    expect(toSink.alsoRoots).not.toContain(tree.root);
    expect(shown.edges.find((e) => e.to === 'valuable#0')!.earlyOut).toBe(false);
  });
});

describe('acknowledger panel: runs without acking', () => {
  it('says which semantics the run uses instead', () => {
    const host = watching(systemUsage);
    expect(host.pull().panels.acker).toEqual({
      mode: 'off',
      semantics: 'at-most-once',
      ackMode: 'acking',
    });
    only(host.command({ type: 'reset', semantics: 'at-least-once' }).answers, 'ok');
    expect(host.pull().panels.acker!.mode).toBe('acking');
    only(host.command({ type: 'reset', semantics: 'exactly-once' }).answers, 'ok');
    expect(host.pull().panels.acker).toMatchObject({ mode: 'off', semantics: 'exactly-once' });
  });
});
