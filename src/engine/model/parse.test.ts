import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError, type Issue } from '../core/errors.ts';
import { parseFailureAction, parseJob, parseScenario, parseScenarioText } from './parse.ts';

const job = {
  components: [
    { id: 'src', kind: 'generator-source', rate: 10 },
    { id: 'an', kind: 'analyzer', store: 'db', parallelism: 2 },
    { id: 'sink', kind: 'append-sink' },
  ],
  edges: [
    { from: 'src', to: 'an' },
    { from: 'an', to: 'sink' },
  ],
};

function issues(f: () => unknown): Issue[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return [...e.issues];
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('scenario parsing', () => {
  it('fills defaults', () => {
    const s = parseScenario({ job });
    expect(s).toMatchObject({ seed: 1, semantics: 'at-most-once', runFor: 10000, failures: [], version: 1 });
    expect(s.job.components[0]).toMatchObject({ parallelism: 1, cost: 0, keys: 10, distribution: 'uniform' });
    expect(s.job.edges[0]).toMatchObject({
      grouping: 'shuffle',
      capacity: 64,
      latency: 1,
      overflow: 'block',
    });
  });

  it('reports malformed JSON with its line and column', () => {
    const [i] = issues(() => parseScenarioText('{\n  "seed": 1,\n  "job": }'));
    expect(i!.code).toBe(ErrorCode.MalformedJson);
    expect(i!.message).toMatch(/line 3, column/);
  });

  it('each malformed scenario field gets its own message and path', () => {
    const cases: [unknown, string, RegExp][] = [
      [{}, 'job', /is required/],
      [{ job, seed: -1 }, 'seed', /integer 0\.\.4294967295/],
      [{ job, seed: 'seven' }, 'seed', /integer 0\.\.4294967295/],
      [{ job, semantics: 'maybe-once' }, 'semantics', /must be one of at-most-once/],
      [{ job, runFor: 0 }, 'runFor', /number 1\.\./],
      [{ job, version: 2 }, 'version', /must be 1/],
      [{ job, ackMode: 'maybe' }, 'ackMode', /must be "acking" or "checkpoint"/],
      [{ job, acking: { timeout: 0 } }, 'acking.timeout', /more than 0 ms/],
      [
        { job, acking: { maxPending: 0 } },
        'acking.maxPending',
        /at least 1 \(with 0 in flight a source could never emit\)/,
      ],
      [{ job, acking: { ackers: 17 } }, 'acking.ackers', /integer 1\.\.16/],
      [{ job, checkpointing: { interval: -5 } }, 'checkpointing.interval', /more than 0 ms/],
      [
        { job, semantics: 'at-least-once', failures: [{ at: 1, action: 'crash-acker', instance: 3 }] },
        'failures[0].instance',
        /acker 3 does not exist/,
      ],
      [
        { job, failures: [{ at: 1, action: 'crash-acker' }] },
        'failures[0].action',
        /no acknowledger to crash/,
      ],
      [
        { job, semantics: 'at-least-once', failures: [{ at: 1, action: 'checkpoint-storage-failure' }] },
        'failures[0].action',
        /needs checkpoints, and this run takes none/,
      ],
      [
        { job, semantics: 'exactly-once', checkpointing: { timeout: 1 } },
        'checkpointing.timeout',
        /can never be met: a barrier needs at least \d+ ms to cross the job/,
      ],
      [
        { job, semantics: 'exactly-once', checkpointing: { maxConcurrent: 2, minPause: 100 } },
        'checkpointing.maxConcurrent',
        /cannot be combined with a minimum pause/,
      ],
      [
        { job, semantics: 'exactly-once', checkpointing: { restart: { strategy: 'sometimes' } } },
        'checkpointing.restart.strategy',
        /strategy must be "fixed-delay", "failure-rate" or "none"/,
      ],
      [
        { job: { ...job, components: [...job.components.slice(0, -1), { id: 'sink', kind: 'kafka-sink' }] } },
        'job.components[' + (job.components.length - 1) + '].kind',
        /kind must be one of .*transactional-sink/,
      ],
      [{ job, colour: 'red' }, 'colour', /unknown field "colour"/],
      [{ job, failures: [{ at: 5, action: 'explode' }] }, 'failures[0].action', /action must be one of/],
      [{ job, failures: [{ action: 'crash', component: 'an' }] }, 'failures[0].at', /is required/],
      [
        { job: { ...job, components: [{ ...job.components[0], rate: -3 }, ...job.components.slice(1)] } },
        'job.components[0].rate',
        /events\/s/,
      ],
    ];
    for (const [input, path, message] of cases) {
      const found = issues(() => parseScenario(input));
      expect(found.map((i) => i.path)).toContain(path);
      expect(found.find((i) => i.path === path)!.message).toMatch(message);
    }
  });

  it('reports graph errors inside a scenario under job.', () => {
    const bad = { ...job, edges: [...job.edges, { from: 'an', to: 'nowhere' }] };
    const [i] = issues(() => parseScenario({ job: bad }));
    expect(i).toMatchObject({ code: ErrorCode.DanglingEdge, path: 'job.edges[2].to' });
  });

  it('checks failure targets against the job', () => {
    const cases: [unknown, RegExp][] = [
      [{ at: 1, action: 'crash', component: 'nope' }, /no component has id "nope"/],
      [{ at: 1, action: 'crash', component: 'an', instance: 2 }, /instance 2 does not exist/],
      [{ at: 1, action: 'store-outage', store: 'cache' }, /no analyzer reads a store named "cache"/],
      [{ at: 1, action: 'drop', from: 'src', to: 'sink' }, /no edge "src" → "sink"/],
    ];
    for (const [failure, message] of cases) {
      const [i] = issues(() => parseScenario({ job, failures: [failure] }));
      expect(i!.code).toBe(ErrorCode.UnknownTarget);
      expect(i!.message).toMatch(message);
    }
  });

  it('validates an injected failure', () => {
    const j = parseJob(job);
    expect(parseFailureAction(j, { action: 'store-outage', store: 'db' })).toMatchObject({ duration: 1000 });
    expect(
      issues(() => parseFailureAction(j, { action: 'slow', component: 'an', factor: 0.5 }))[0]!.path,
    ).toBe('factor');
  });
});

describe('event-time settings', () => {
  const timed = { strategy: 'bounded-out-of-orderness', bound: 10 };
  const windowJob = (
    window: Record<string, unknown>,
    source: Record<string, unknown> = { watermarks: timed },
  ) => ({
    components: [
      { id: 'src', kind: 'generator-source', rate: 10, ...source },
      { id: 'win', kind: 'window', window: { type: 'tumbling', size: 100 }, ...window },
      { id: 'sink', kind: 'append-sink' },
    ],
    edges: [
      { from: 'src', to: 'win' },
      { from: 'win', to: 'sink' },
    ],
  });
  const joinJob = (join: Record<string, unknown>, inputs: string[]) => ({
    components: [
      { id: 'a', kind: 'generator-source', rate: 10, watermarks: timed },
      { id: 'b', kind: 'generator-source', rate: 10, watermarks: timed },
      { id: 'j', kind: 'join', left: 'a', right: 'b', before: 5, after: 5, ...join },
      { id: 'sink', kind: 'append-sink' },
    ],
    edges: [
      ...inputs.map((from) => ({ from, to: 'j' })),
      { from: 'j', to: 'sink' },
      ...(inputs.includes('b') ? [] : [{ from: 'b', to: 'sink' }]),
    ],
  });

  it('each bad window or join setting gets its own message, naming the component', () => {
    const cases: [unknown, string, RegExp][] = [
      [
        windowJob({ window: { type: 'hopping', size: 100, slide: 150 } }),
        'components[1].window.slide',
        /"win": a slide of 150 ms is longer than the window \(100 ms\)/,
      ],
      [windowJob({ window: { type: 'session', gap: 0 } }), 'components[1].window.gap', /more than 0 ms/],
      [windowJob({ allowedLateness: -5 }), 'components[1].allowedLateness', /0\.\.10000000000000 ms/],
      [
        windowJob({ window: { type: 'global' } }),
        'components[1].window',
        /"win": a global window never ends/,
      ],
      [
        windowJob({}, {}),
        'components[1]',
        /"win" closes windows on watermarks, but source "src" has no event time/,
      ],
      [
        windowJob({ aggregate: 'median' }),
        'components[1].aggregate',
        /must be one of count, sum, min, max, average, list/,
      ],
      [joinJob({}, ['a']), 'components[2]', /"j": a join needs exactly two inputs, and it has 1/],
      [
        joinJob({ right: 'sink' }, ['a', 'b']),
        'components[2].right',
        /"sink" is not one of its inputs \(a, b\)/,
      ],
    ];
    for (const [input, path, message] of cases) {
      const found = issues(() => parseJob(input));
      expect(found.map((i) => i.path)).toContain(path);
      expect(found.find((i) => i.path === path)!.message).toMatch(message);
    }
  });

  it('a late edge needs a window with a side output', () => {
    const input = windowJob({});
    const withLate = {
      components: [...input.components, { id: 'late', kind: 'append-sink' }],
      edges: [...input.edges, { from: 'win', to: 'late', output: 'late' }],
    };
    const [issue] = issues(() => parseJob(withLate));
    expect(issue).toMatchObject({ path: 'edges[2].output', componentId: 'win' });
    expect(issue!.message).toMatch(/"win" has no side output for late elements/);
    expect(issue!.hint).toMatch(/"lateData": "side-output"/);
    expect(() =>
      parseJob({
        ...withLate,
        components: withLate.components.map((c) => (c.id === 'win' ? { ...c, lateData: 'side-output' } : c)),
      }),
    ).not.toThrow();
  });

  it('a window on stream time needs no watermarks', () => {
    expect(() => parseJob(windowJob({ clock: 'stream-time' }, {}))).not.toThrow();
  });
});

describe('window trigger combinations', () => {
  const job = (window: Record<string, unknown>) => ({
    components: [
      { id: 'src', kind: 'generator-source', rate: 10 },
      { id: 'win', kind: 'window', window: { type: 'tumbling', size: 100 }, clock: 'stream-time', ...window },
      { id: 'sink', kind: 'append-sink' },
    ],
    edges: [
      { from: 'src', to: 'win' },
      { from: 'win', to: 'sink' },
    ],
  });

  it('settings that would silently do nothing are rejected', () => {
    const [a] = issues(() => parseJob(job({ emit: 'every-update', early: 'every-element' })));
    expect(a).toMatchObject({ path: 'components[1].early', componentId: 'win' });
    expect(a!.message).toMatch(/already emits a pane for every element/);
    const [b] = issues(() => parseJob(job({ count: 3, early: { every: 10 } })));
    expect(b).toMatchObject({ path: 'components[1].early' });
    expect(b!.message).toMatch(/count trigger replaces the end-of-window trigger/);
  });
});
