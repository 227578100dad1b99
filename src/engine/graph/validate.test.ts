import { describe, expect, it } from 'vitest';
import { ErrorCode, ValidationError } from '../core/errors.ts';
import { parseJob } from '../model/parse.ts';

const ok = () => ({
  components: [
    { id: 'src', kind: 'generator-source', rate: 10 },
    { id: 'map', kind: 'map' },
    { id: 'sink', kind: 'append-sink' },
  ] as Record<string, unknown>[],
  edges: [
    { from: 'src', to: 'map' },
    { from: 'map', to: 'sink' },
  ] as Record<string, unknown>[],
});

function issuesOf(job: unknown) {
  try {
    parseJob(job);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  return [];
}

describe('job validation: each invalid graph has its own error', () => {
  it('accepts a valid job', () => {
    expect(issuesOf(ok())).toEqual([]);
  });

  const cases: [string, (j: ReturnType<typeof ok>) => void, string, string | RegExp][] = [
    [
      'cycle',
      (j) => {
        j.components.push({ id: 'b', kind: 'map' });
        j.edges.push({ from: 'map', to: 'b' }, { from: 'b', to: 'map' });
      },
      ErrorCode.Cycle,
      /cycle map → b → map/,
    ],
    ['self loop', (j) => j.edges.push({ from: 'map', to: 'map' }), ErrorCode.Cycle, /to itself/],
    [
      'no source',
      (j) => {
        j.components.shift();
        j.edges.shift();
      },
      ErrorCode.NoSource,
      /no source/,
    ],
    [
      'no sink',
      (j) => {
        j.components.pop();
        j.edges.pop();
      },
      ErrorCode.NoSink,
      /no sink/,
    ],
    ['dangling edge', (j) => j.edges.push({ from: 'map', to: 'ghost' }), ErrorCode.DanglingEdge, /"ghost"/],
    [
      'duplicate id',
      (j) => j.components.push({ id: 'map', kind: 'map' }),
      ErrorCode.DuplicateId,
      /already used/,
    ],
    [
      'duplicate edge',
      (j) => j.edges.push({ from: 'map', to: 'sink' }),
      ErrorCode.DuplicateEdge,
      /already connected/,
    ],
    [
      'edge into a source',
      (j) => j.edges.push({ from: 'map', to: 'src' }),
      ErrorCode.WrongInputs,
      /is a source/,
    ],
    [
      'edge out of a sink',
      (j) => {
        j.components.push({ id: 'm2', kind: 'map' });
        j.edges.push({ from: 'sink', to: 'm2' }, { from: 'm2', to: 'sink' });
      },
      ErrorCode.WrongInputs,
      /is a sink/,
    ],
    [
      'operator without input',
      (j) => {
        j.components.push({ id: 'orphan', kind: 'filter', predicate: { op: 'min-value', threshold: 1 } });
        j.edges.push({ from: 'orphan', to: 'sink' });
      },
      ErrorCode.WrongInputs,
      /"orphan" \(filter\) has no input/,
    ],
    [
      'operator without output',
      (j) => {
        j.components.push({ id: 'dead', kind: 'count' });
        j.edges.push({ from: 'map', to: 'dead' });
      },
      ErrorCode.WrongInputs,
      /"dead" \(count\) has no outgoing edge/,
    ],
    [
      'unknown kind',
      (j) => (j.components[1]!.kind = 'mapper'),
      ErrorCode.InvalidValue,
      /kind must be one of/,
    ],
    [
      'bad parallelism',
      (j) => (j.components[1]!.parallelism = 0),
      ErrorCode.InvalidValue,
      /must be an integer 1\.\.64/,
    ],
    [
      'misspelt field',
      (j) => (j.components[1]!.paralellism = 2),
      ErrorCode.InvalidValue,
      /unknown field "paralellism"/,
    ],
  ];

  for (const [name, mutate, code, message] of cases) {
    it(name, () => {
      const job = ok();
      mutate(job);
      const issues = issuesOf(job);
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.map((i) => i.code)).toContain(code);
      expect(issues.map((i) => i.message).join('\n')).toMatch(message);
      for (const i of issues) expect(i.hint.length).toBeGreaterThan(5);
    });
  }

  it('names the path of a bad value the way people read it', () => {
    const job = ok();
    job.components[1]!.parallelism = 99;
    const [issue] = issuesOf(job);
    expect(issue).toMatchObject({ path: 'components[1].parallelism', message: 'must be an integer 1..64' });
  });

  it('marks the offending component or edge for the editor', () => {
    const job = ok();
    job.edges.push({ from: 'map', to: 'ghost' });
    expect(issuesOf(job)[0]).toMatchObject({ edgeIndex: 2, path: 'edges[2].to' });
    const job2 = ok();
    job2.components.push({ id: 'dead', kind: 'count' });
    job2.edges.push({ from: 'map', to: 'dead' });
    expect(issuesOf(job2)[0]).toMatchObject({ componentId: 'dead' });
  });
});
