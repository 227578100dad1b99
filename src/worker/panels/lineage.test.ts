import { describe, expect, it } from 'vitest';
import exactlyOnce from '../../../scenarios/exactly-once-sinks.json';
import replayOrder from '../../../scenarios/replay-order.json';
import systemUsage from '../../../scenarios/system-usage.json';
import { engineFor, parseScenario, runScenario } from '../../engine/index.ts';
import type { LineageView } from '../../protocol/panels/lineage.ts';
import { loaded, only, playTo, type TestHost } from '../testHost.ts';

function lineageAt(scenario: unknown, time: number, event: number): { host: TestHost; view: LineageView } {
  const host = loaded(scenario);
  only(host.command({ type: 'watch', panels: { lineage: { event } } }).answers, 'ok');
  playTo(host, time);
  return { host, view: host.pull().panels.lineage! };
}

describe('lineage panel', () => {
  it('an event lost at-most-once: its counters per component equal the engine’s, its loss is named, no sink holds it', () => {
    const direct = runScenario(parseScenario(systemUsage), { until: 6500 });
    const loss = direct.losses.find((l) => l.where.startsWith('analyzer'))!;
    const { view } = lineageAt(systemUsage, 6500, loss.id);
    const engine = engineFor(parseScenario(systemUsage));
    engine.runUntil(6500);
    for (const c of view.components) {
      const counts = engine.eventCounts(c.id, loss.id);
      expect([c.id, c.processed, c.delivered]).toEqual([c.id, counts.processed, counts.delivered]);
    }
    expect(view.losses).toContainEqual({ time: loss.time, where: loss.where, reason: loss.reason });
    expect(view.record).not.toBeNull();
    expect(view.reads).toHaveLength(1);
    expect(view.sinks.every((s) => s.written.length === 0)).toBe(true);
    expect(view.trees).toBeNull();
    // Its recorded steps end where it was lost: the source read it, nothing after the analyzer delivered it.
    expect(view.components.find((c) => c.role === 'source')!.steps).toHaveLength(1);
  });

  it('an event written by the sink: the same values here and in the failure-free run; quick picks are recent sink writes', () => {
    const host = loaded(systemUsage);
    only(host.command({ type: 'watch', panels: { lineage: {} } }).answers, 'ok');
    playTo(host, 1500);
    const recent = host.pull().panels.lineage!.recent;
    expect(recent.length).toBeGreaterThan(0);
    only(host.command({ type: 'watch', panels: { lineage: { event: recent[0] } } }).answers, 'ok');
    const view = host.pull().panels.lineage!;
    const sink = view.sinks.find((s) => s.written.length > 0)!;
    expect(sink.written).toEqual(sink.expected);
    expect(view.components.every((c) => c.delivered >= 1)).toBe(true);
    expect(view.truncated).toBe(false);
  });

  it('at-least-once by acking: a failed event’s trees, the failed one and its acked replay, and the replay record', () => {
    const direct = runScenario(parseScenario(replayOrder));
    const replay = direct.replays[0]!;
    const { view } = lineageAt(replayOrder, direct.virtualTimeMs, replay.id);
    expect(view.trees!.map((t) => [t.attempt, t.status])).toEqual([
      [1, 'failed'],
      [2, 'acked'],
    ]);
    expect(view.replays).toContainEqual(expect.objectContaining({ cause: 'failed', attempt: 2 }));
    expect(view.reads).toHaveLength(2);
  });

  it('exactly-once: each read names the checkpoint whose barrier followed it', () => {
    const direct = runScenario(parseScenario(exactlyOnce), { until: 4000 });
    const id = direct.sinks[Object.keys(direct.sinks)[0]!]![0]!.id;
    const { view } = lineageAt(exactlyOnce, 4000, id);
    const read = view.reads[0]!;
    const first = direct.checkpoints.find((c) => c.triggeredAt >= read.time)!;
    expect(read.epoch).toEqual({ checkpoint: first.id, state: 'completed' });
  });
});
