import { describe, expect, it } from 'vitest';
import { TestEngine } from '../test/TestEngine.ts';

const usage = {
  components: [
    { id: 'src', kind: 'generator-source', rate: 100, keys: 5 },
    { id: 'analyzer', kind: 'analyzer', store: 'db', parallelism: 2, cost: 2 },
    { id: 'sink', kind: 'append-sink' },
  ],
  edges: [
    { from: 'src', to: 'analyzer', grouping: 'fields', field: 'id' },
    { from: 'analyzer', to: 'sink' },
  ],
};

describe('failure primitives', () => {
  it('store outage: lookups fail during the span; those events are processed once and delivered zero times', () => {
    const t = TestEngine.of(usage, {
      runFor: 1000,
      trace: true,
      failures: [{ at: 300, action: 'store-outage', store: 'db', duration: 200 }],
    }).run();
    const failed = t.events.filter((e) => e.type === 'process' && !e.ok);
    expect(failed.length).toBe(20);
    for (const f of failed) {
      expect(f.time).toBeGreaterThanOrEqual(300);
      expect(f.time).toBeLessThan(500);
      if (f.type === 'process')
        expect(t.engine.eventCounts('analyzer', f.id)).toEqual({ processed: 1, delivered: 0 });
    }
    expect(t.component('analyzer')).toMatchObject({ processed: 100, delivered: 80, failed: 20 });
    expect(t.rows('sink').length).toBe(80);
  });

  it('fail-events with a probability hits about that share of events, on the chosen instance only', () => {
    const t = TestEngine.of(usage, {
      runFor: 10000,
      failures: [
        {
          at: 0,
          action: 'fail-events',
          component: 'analyzer',
          instance: 0,
          probability: 0.3,
          duration: 10000,
        },
      ],
    }).run();
    const [i0, i1] = t.component('analyzer').instances;
    expect(i1!.failed).toBe(0);
    expect(i0!.failed / i0!.processed).toBeGreaterThan(0.25);
    expect(i0!.failed / i0!.processed).toBeLessThan(0.35);
  });

  it('drop on an edge loses messages in the span; delay makes them arrive later', () => {
    const dropped = TestEngine.of(usage, {
      runFor: 1000,
      failures: [{ at: 200, action: 'drop', from: 'analyzer', to: 'sink', duration: 100 }],
    }).run();
    expect(dropped.component('sink').dropped).toBe(10);
    expect(dropped.rows('sink').length).toBe(90);

    const delayed = TestEngine.of(usage, {
      runFor: 1000,
      trace: true,
      failures: [{ at: 200, action: 'delay', from: 'analyzer', to: 'sink', extra: 50, duration: 100 }],
    }).run();
    const late = delayed.events.filter((e) => e.type === 'send' && e.arrival - e.departure >= 50);
    expect(late.length).toBe(10);
    expect(delayed.rows('sink').length).toBe(100);
  });

  it('slow multiplies the service time of an instance during the span', () => {
    const t = TestEngine.of(usage, {
      runFor: 1000,
      trace: true,
      failures: [{ at: 0, action: 'slow', component: 'analyzer', instance: 1, factor: 10, duration: 1000 }],
    }).run();
    const busy = (sub: number) => {
      const inst = t.engine.rt.components[1]!.instances[sub]!;
      return t.events.filter((e) => e.type === 'process' && e.instance === inst.index).length;
    };
    // Both instances get half the events; instance 1 needs 20 ms each, so the run takes longer.
    expect(busy(0)).toBe(50);
    expect(busy(1)).toBe(50);
    expect(t.engine.now).toBeGreaterThan(1000);
  });

  it('a crashed instance restarts after the delay; what arrives while it is down is lost', () => {
    const t = TestEngine.of(usage, {
      runFor: 1000,
      failures: [{ at: 400, action: 'crash', component: 'analyzer', instance: 0, restartAfter: 200 }],
    }).run();
    const i0 = t.component('analyzer').instances[0]!;
    expect(i0.health).toBe('running');
    expect(i0.crashes).toBe(1);
    expect(i0.lost).toBeGreaterThanOrEqual(9);
    expect(i0.lost).toBeLessThanOrEqual(11);
    expect(t.engine.losses.some((l) => l.reason === 'instance-down')).toBe(true);
  });

  it('failures can be injected interactively at the current time', () => {
    const t = TestEngine.of(usage, { runFor: 1000 }).runUntil(500);
    t.engine.inject({ action: 'crash', component: 'analyzer', instance: 1, restartAfter: 100 });
    expect(t.component('analyzer').instances[1]!.health).toBe('crashed');
    t.run();
    expect(t.component('analyzer').instances[1]!.health).toBe('running');
  });
});
