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
