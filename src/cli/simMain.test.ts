import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ValidationError,
  formatIssue,
  parseScenarioText,
  runScenario,
  type RunResult,
} from '../engine/index.ts';
import type { SimReport } from './report.ts';
import { USAGE, main, type SimIo } from './simMain.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SYSTEM_USAGE = join(root, 'scenarios/system-usage.json');
const FRAUD = join(root, 'scenarios/fraud-detection.json');
const STACK_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

function sim(argv: string[], io: Partial<SimIo> = {}) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (p) => readFileSync(p, 'utf8'),
    ...io,
  });
  return { code, stdout, stderr };
}

/** Runs with --json and parses the one object it prints. */
function simJson(argv: string[]): SimReport {
  const { code, stdout, stderr } = sim([...argv, '--json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return JSON.parse(stdout) as SimReport;
}

const reference = new Map<string, RunResult>();
function engineRun(file: string): RunResult {
  if (!reference.has(file)) reference.set(file, runScenario(parseScenarioText(readFileSync(file, 'utf8'))));
  return reference.get(file)!;
}

const num = expect.any(Number);
const str = expect.any(String);

describe.each([
  ['system-usage', SYSTEM_USAGE],
  ['fraud-detection', FRAUD],
])('--json on %s', (_name, file) => {
  let report: SimReport;
  let expected: RunResult;
  beforeAll(() => {
    report = simJson([file]);
    expected = engineRun(file);
  });

  it('has every top-level field with its type', () => {
    expect(report).toMatchObject({
      scenario: expected.scenario,
      file,
      semantics: 'at-most-once',
      seed: expected.seed,
      virtualTimeMs: num,
      done: true,
      traceHash: expect.stringMatching(/^[0-9a-f]+$/),
      steps: num,
      components: expect.any(Object),
      sinks: expect.any(Object),
      accuracy: expect.any(Object),
      losses: expect.any(Object),
      ackMode: 'acking',
      acker: null,
      replays: { total: 0, first: [] },
      checkpoints: [],
      recoveries: [],
    });
  });

  it('reports the same run as runScenario (trace hash, time, steps)', () => {
    expect(report.traceHash).toBe(expected.traceHash);
    expect(report.virtualTimeMs).toBe(expected.virtualTimeMs);
    expect(report.steps).toBe(expected.snapshot.steps);
  });

  it('has every component, in job order, with its counters and per-event summary', () => {
    const spec = parseScenarioText(readFileSync(file, 'utf8')).job.components;
    expect(Object.keys(report.components)).toEqual(spec.map((c) => c.id));
    for (const c of spec) {
      const snap = expected.snapshot.components.find((s) => s.id === c.id)!;
      expect(report.components[c.id]).toMatchObject({
        kind: c.kind,
        role: snap.role,
        parallelism: c.parallelism,
        received: snap.received,
        processed: snap.processed,
        delivered: snap.delivered,
        failed: snap.failed,
        emitted: snap.emitted,
        earlyOut: snap.earlyOut,
        lost: snap.lost,
        dropped: snap.dropped,
        queued: snap.queued,
        perEvent: { events: num, maxProcessed: num, maxDelivered: num, deliveredMoreThanOnce: num },
      });
      expect(report.components[c.id]!.perEvent).toEqual(expected.perEvent[c.id]);
    }
    // Every source event was read once.
    const source = Object.values(report.components).find((c) => c.role === 'source')!;
    expect(source.processed).toBeGreaterThan(0);
    expect(source.perEvent.maxProcessed).toBe(1);
  });

  it('lists the rows of every sink', () => {
    const sinkIds = Object.entries(report.components)
      .filter(([, c]) => c.role === 'sink')
      .map(([id]) => id);
    expect(Object.keys(report.sinks)).toEqual(sinkIds);
    for (const id of sinkIds) {
      const rows = report.sinks[id]!;
      expect(rows).toEqual(expected.sinks[id]);
      expect(rows.length).toBeGreaterThan(0);
      const upsert = report.components[id]!.kind === 'upsert-sink';
      for (const row of rows.slice(0, 50)) {
        expect(row).toEqual({ id: num, key: str, value: num, at: num, ...(upsert ? { writes: num } : {}) });
      }
    }
  });

  it('has the accuracy against the failure-free run, in total and per sink', () => {
    const { accuracy } = report;
    const fields = {
      expected: num,
      actual: num,
      correct: num,
      missing: num,
      duplicated: num,
      wrong: num,
      score: num,
    };
    expect(accuracy).toMatchObject({ ...fields, sinks: expect.any(Object) });
    expect(Object.keys(accuracy.sinks)).toEqual(Object.keys(report.sinks));
    for (const a of Object.values(accuracy.sinks)) expect(a).toEqual(fields);
    const { sinks, ...total } = accuracy;
    expect(total).toEqual(expected.accuracy);
    expect(sinks).toEqual(expected.sinkAccuracy);
    const all = accuracy.correct + accuracy.missing + accuracy.duplicated + accuracy.wrong;
    expect(accuracy.score).toBeCloseTo(accuracy.correct / all, 12);
    // Both scenarios script failures under at-most-once: the output is not exact.
    expect(accuracy.score).toBeLessThan(1);
  });

  it('summarises the losses', () => {
    const { losses } = report;
    expect(losses.total).toBe(expected.losses.length);
    expect(losses.total).toBeGreaterThan(0);
    const sum = (o: Record<string, number | undefined>) => Object.values(o).reduce((a, b) => a! + b!, 0);
    expect(sum(losses.byReason)).toBe(losses.total);
    expect(sum(losses.byWhere)).toBe(losses.total);
    expect(losses.first).toEqual(expected.losses.slice(0, 20));
    for (const l of losses.first) expect(l).toEqual({ id: num, time: num, where: str, reason: str });
  });
});

describe('--json under at-least-once', () => {
  it('acking: the acker object (acked, failed, timedOut, replayed, pendingMax, completeLatency) and the replays', () => {
    const report = simJson([SYSTEM_USAGE, '--semantics', 'at-least-once', '--ack-mode', 'acking']);
    expect(report).toMatchObject({
      semantics: 'at-least-once',
      ackMode: 'acking',
      checkpoints: [],
      recoveries: [],
    });
    expect(report.acker).toEqual({
      emitted: num,
      acked: num,
      failed: num,
      timedOut: num,
      replayed: num,
      pendingMax: num,
      pending: 0,
      completeLatency: { p50: num, p99: num, mean: num, count: num },
    });
    const acker = report.acker!;
    expect(acker.acked).toBe(1000);
    expect(acker.failed).toBeGreaterThan(0);
    expect(acker.timedOut).toBeGreaterThan(0);
    expect(acker.replayed).toBe(acker.failed + acker.timedOut);
    expect(acker.emitted).toBe(1000 + acker.replayed);
    expect(acker.completeLatency.p99).toBeGreaterThanOrEqual(acker.completeLatency.p50);
    expect(report.replays.total).toBe(acker.replayed);
    for (const r of report.replays.first) expect(['failed', 'timed-out']).toContain(r.cause);
    expect(report.accuracy.missing).toBe(0);
    expect(report.losses.replayed).toBe(report.losses.total);
  });

  it('checkpoint: the checkpoints and recoveries lists, and the replays after the rewind', () => {
    const report = simJson([SYSTEM_USAGE, '--semantics', 'at-least-once', '--ack-mode', 'checkpoint']);
    expect(report).toMatchObject({ ackMode: 'checkpoint', acker: null });
    expect(report.checkpoints.length).toBeGreaterThan(5);
    for (const c of report.checkpoints) {
      expect(c).toEqual({
        id: num,
        triggeredAt: num,
        completedAt: c.completedAt === null ? null : num,
        failure: c.failure === null ? null : str,
        alignmentMs: num,
        stateSize: num,
      });
    }
    expect(report.recoveries.length).toBeGreaterThan(0);
    for (const r of report.recoveries)
      expect(r).toEqual({ at: num, reason: str, restoredCheckpoint: num, restartedAt: num });
    expect(report.replays.first.every((r) => r.cause === 'rewind')).toBe(true);
    expect(report.accuracy.missing).toBe(0);
    expect(report.accuracy.duplicated).toBeGreaterThan(0);
  });

  it('the human report has the acker line, and the checkpoint and recovery lines', () => {
    const acking = sim([SYSTEM_USAGE, '--semantics', 'at-least-once']).stdout;
    expect(acking).toMatch(
      /^acker: \d+ roots emitted, 1000 acked, \d+ failed, \d+ timed out, \d+ replayed; pending max \d+; complete latency p50 [\d.]+ ms, p99 [\d.]+ ms$/m,
    );
    const checkpoint = sim([SYSTEM_USAGE, '--semantics', 'at-least-once', '--ack-mode', 'checkpoint']).stdout;
    expect(checkpoint).toMatch(
      /^checkpoints: \d+ triggered, \d+ completed, \d+ aborted .*; longest alignment [\d.]+ ms$/m,
    );
    expect(checkpoint).toMatch(/^recoveries: \d+$/m);
    expect(checkpoint).toMatch(/^ {2}at 6000 ms: analyzer#1 crashed; restored #\d+; back at 6500 ms$/m);
  });
});

describe('runs', () => {
  it('are deterministic: two runs print identical JSON and identical tables', () => {
    const a = sim([SYSTEM_USAGE, '--json', '--until', '4000']);
    const b = sim([SYSTEM_USAGE, '--json', '--until', '4000']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(sim([FRAUD, '--until', '3000']).stdout).toBe(sim([FRAUD, '--until', '3000']).stdout);
  });

  it('--seed replaces the scenario seed and changes the trace', () => {
    // The fraud job routes by account key, and keys are drawn from the seed, so the schedule changes.
    const base = simJson([FRAUD, '--until', '3000']);
    const other = simJson([FRAUD, '--until', '3000', '--seed', '12']);
    expect(base.seed).toBe(11);
    expect(other.seed).toBe(12);
    expect(other.traceHash).not.toBe(base.traceHash);
  });

  it('--until stops early, and accuracy is measured at that time', () => {
    const report = simJson([SYSTEM_USAGE, '--until', '2000']);
    expect(report.virtualTimeMs).toBeLessThanOrEqual(2000);
    expect(report.done).toBe(false);
    const full = engineRun(SYSTEM_USAGE);
    expect(report.accuracy.expected).toBeLessThan(full.accuracy.expected);
  });

  it('--semantics, --until=MS and `--` are accepted', () => {
    const { code, stdout } = sim([
      '--semantics',
      'at-most-once',
      '--until=1500',
      '--json',
      '--',
      SYSTEM_USAGE,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SimReport;
    expect(report.semantics).toBe('at-most-once');
    expect(report.virtualTimeMs).toBe(1500);
  });

  it('prints the human report: title, component table, sinks, accuracy, time, hash, losses', () => {
    const { code, stdout, stderr } = sim([SYSTEM_USAGE]);
    const expected = engineRun(SYSTEM_USAGE);
    const a = expected.accuracy;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`StreamLab sim: ${expected.scenario}`);
    expect(stdout).toMatch(
      /component\s+kind\s+parallelism\s+received\s+processed\s+delivered\s+failed\s+emitted\s+lost\s+dropped\s+queued/,
    );
    expect(stdout).toMatch(/^analyzer\s+analyzer\s+2\s/m);
    expect(stdout).toContain(
      `sink usage-writer (append-sink): ${expected.sinks['usage-writer']!.length} rows`,
    );
    expect(stdout).toContain(
      `accuracy vs failure-free run: ${a.correct}/${a.expected} correct, ${a.missing} missing, ` +
        `${a.duplicated} duplicated, ${a.wrong} wrong (score ${(a.score * 100).toFixed(1)}%)`,
    );
    expect(stdout).toContain(`virtual time ${expected.virtualTimeMs} ms (done`);
    expect(stdout).toContain(`trace hash ${expected.traceHash}`);
    expect(stdout).toContain(`losses: ${expected.losses.length} events lost`);
    expect(stdout).toMatch(/by reason: processing-failed \d+/);
  });

  it('--help and -h print the usage and exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = sim([flag]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toContain(USAGE);
      expect(stdout).toContain('--until MS');
    }
    expect(USAGE).toBe(
      'usage: npm run sim -- <scenario.json> [--semantics at-most-once|at-least-once|exactly-once] [--ack-mode acking|checkpoint] [--checkpoint-interval MS] [--seed N] [--until MS] [--json]',
    );
  });
});

describe('bad input: exit code 2, a message naming the problem and where, no stack trace', () => {
  let dir: string;
  const fixture = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamlab-sim-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs, expects exit 2 and nothing on stdout; returns stderr. */
  function fails(argv: string[], { usage }: { usage: boolean }): string {
    const { code, stdout, stderr } = sim(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: /);
    expect(stderr).not.toMatch(STACK_TRACE);
    if (usage) expect(stderr.trimEnd().endsWith(USAGE)).toBe(true);
    else expect(stderr).not.toContain('usage:');
    return stderr;
  }

  it('a file that is not JSON: the syntax error with its line and column', () => {
    const file = fixture('broken.json', '{\n  "job": {\n    "components": []\n    "edges": []\n  }\n}\n');
    const err = fails([file], { usage: false });
    expect(err).toContain(`error: ${file} cannot be read as JSON:`);
    expect(err).toContain('at line 4, column 5');
    expect(err).toContain('[E_MALFORMED_JSON]');
  });

  it('an empty file', () => {
    const err = fails([fixture('empty.json', '  \n')], { usage: false });
    expect(err).toContain('the file is empty');
  });

  it('a missing file, and a directory', () => {
    const missing = join(dir, 'nope.json');
    expect(fails([missing], { usage: true })).toContain(`error: ${missing}: no such file`);
    expect(fails([dir], { usage: true })).toContain(`error: ${dir}: is a directory`);
  });

  it('an invalid scenario: every issue, one per line, as formatIssue prints it', () => {
    const text = JSON.stringify({
      seed: -1,
      semantics: 'exactly-twice',
      job: {
        components: [
          { id: 'src', kind: 'generator-source', rate: 10, paralellism: 2 },
          { id: 'sink', kind: 'append-sink', parallelism: 100 },
        ],
        edges: [{ from: 'src', to: 'sink' }],
      },
    });
    const file = fixture('invalid.json', text);
    const issues = issuesOf(text);
    expect(issues.length).toBe(4);
    const err = fails([file], { usage: false });
    expect(err.split('\n')[0]).toBe(`error: ${file} is not a valid scenario (4 problems):`);
    for (const issue of issues) expect(err).toContain(`\n  ${formatIssue(issue)}\n`);
    expect(err).toContain('job.components[0].paralellism: unknown field "paralellism"');
    expect(err).toContain('job.components[1].parallelism: must be an integer 1..64');
  });

  it('an invalid job graph and failure script: the graph issues with their codes', () => {
    const text = JSON.stringify({
      job: {
        components: [
          { id: 'src', kind: 'generator-source', rate: 10 },
          { id: 'a', kind: 'map' },
          { id: 'b', kind: 'map' },
        ],
        edges: [
          { from: 'src', to: 'a' },
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      },
      failures: [{ at: 5, action: 'crash', component: 'zz' }],
    });
    const err = fails([fixture('graph.json', text)], { usage: false });
    for (const issue of issuesOf(text)) expect(err).toContain(`  ${formatIssue(issue)}\n`);
    expect(err).toContain('[E_NO_SINK]');
    expect(err).toMatch(/job\.edges\[\d\]: cycle a → b → a .*\[E_CYCLE\]/);
    expect(err).toContain('failures[0].component: no component has id "zz"');
  });

  it('no scenario file, or two', () => {
    expect(fails([], { usage: true })).toContain('error: no scenario file given');
    expect(fails([SYSTEM_USAGE, FRAUD], { usage: true })).toContain(
      `error: ${FRAUD}: unexpected extra argument`,
    );
  });

  it('an unknown option, with a suggestion when one is close', () => {
    expect(fails([SYSTEM_USAGE, '--frob'], { usage: true })).toContain(
      'error: --frob: unknown option — the options are --semantics, --ack-mode, --checkpoint-interval, --seed, --until, --json, --help',
    );
    expect(fails([SYSTEM_USAGE, '--sed', '3'], { usage: true })).toContain('did you mean --seed?');
  });

  it('a missing option value', () => {
    expect(fails([SYSTEM_USAGE, '--seed'], { usage: true })).toContain('error: --seed: needs a value');
    expect(fails([SYSTEM_USAGE, '--until', '--json'], { usage: true })).toContain(
      'error: --until: needs a value',
    );
  });

  it('an invalid option value', () => {
    expect(fails([SYSTEM_USAGE, '--seed', 'abc'], { usage: true })).toContain(
      'error: --seed: "abc" is not a whole number — use an integer 0..4294967295',
    );
    expect(fails([SYSTEM_USAGE, '--seed', '4294967296'], { usage: true })).toContain(
      '--seed: 4294967296 is out of range',
    );
    expect(fails([SYSTEM_USAGE, '--until', '-5'], { usage: true })).toContain(
      'error: --until: "-5" is not a virtual time in milliseconds',
    );
    expect(fails([SYSTEM_USAGE, '--json=yes'], { usage: true })).toContain('error: --json: takes no value');
    expect(fails([SYSTEM_USAGE, '--seed', '1', '--seed', '2'], { usage: true })).toContain(
      'error: --seed: given more than once',
    );
  });

  it('an unsupported semantics', () => {
    expect(fails([SYSTEM_USAGE, '--semantics', 'exactly-twice'], { usage: true })).toContain(
      'error: --semantics: "exactly-twice" is not a supported semantics — use at-most-once or at-least-once or exactly-once',
    );
  });

  it('an invalid checkpoint interval, and overrides that do not fit the scenario', () => {
    expect(fails([SYSTEM_USAGE, '--checkpoint-interval', '0'], { usage: true })).toContain(
      'error: --checkpoint-interval: must be more than 0 ms',
    );
    const text = JSON.stringify({
      semantics: 'exactly-once',
      job: {
        components: [
          { id: 'src', kind: 'generator-source', rate: 10 },
          { id: 'sink', kind: 'append-sink' },
        ],
        edges: [{ from: 'src', to: 'sink' }],
      },
      failures: [{ at: 5, action: 'checkpoint-storage-failure' }],
    });
    const err = fails([fixture('storage.json', text), '--semantics', 'at-most-once'], { usage: false });
    expect(err).toContain('error: the options do not fit this scenario:');
    expect(err).toContain('failures[0].action: "checkpoint-storage-failure" needs checkpoints');
  });

  it('accepts a file that starts with a byte order mark', () => {
    const file = fixture('bom.json', '\ufeff' + readFileSync(SYSTEM_USAGE, 'utf8'));
    expect(sim([file, '--until', '100']).code).toBe(0);
  });
});

describe('internal errors', () => {
  it('exit 1 with a one-line message', () => {
    const { code, stderr } = sim([SYSTEM_USAGE, '--until', '100'], {
      stdout: () => {
        throw new Error('disk on fire\n    at somewhere (x.ts:1:2)');
      },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: internal error: disk on fire .*\n$/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the real command (child process)', () => {
  const tsx = (args: string[]) =>
    spawnSync('npx', ['tsx', 'src/cli/sim.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

  it('exits 2 on a bad file with a message and no stack trace, and 0 with JSON on a good one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamlab-sim-spawn-'));
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{ "job": ');
      const failed = tsx([bad]);
      expect(failed.status).toBe(2);
      expect(failed.stdout).toBe('');
      expect(failed.stderr).toContain(`error: ${bad} cannot be read as JSON:`);
      expect(failed.stderr).not.toMatch(STACK_TRACE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const ok = tsx(['scenarios/system-usage.json', '--until', '1000', '--json']);
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as SimReport).virtualTimeMs).toBe(1000);
  });
});

/** The issues parseScenarioText reports for a text. */
function issuesOf(text: string) {
  try {
    parseScenarioText(text);
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected the scenario to be invalid');
}

describe('--json with event time', () => {
  const SCORES = join(root, 'scenarios/event-time-scores.json');
  const STREAM_JOIN = join(root, 'scenarios/stream-join.json');

  it('window panes carry their window, timing, index, emission time and watermark; components their event time', () => {
    const report = simJson([SCORES]);
    const sink = Object.values(report.sinks).find((rows) => rows.some((r) => r.pane !== undefined))!;
    const first = sink.find((r) => r.pane!.start === 0 && r.pane!.timing === 'LATE')!;
    expect(first).toMatchObject({ value: 14, pane: { start: 0, end: 120000, index: 2, retraction: false } });
    expect(typeof first.pane!.emittedAt).toBe('number');
    const window = Object.values(report.components).find((c) => c.kind === 'window')!;
    expect(window).toMatchObject({ watermark: 'Infinity', streamTime: null, lateDropped: 0 });
    // JSON has no Infinity: the first early pane, emitted before any watermark, spells it out.
    const early = sink.find((r) => r.pane!.start === 0 && r.pane!.timing === 'EARLY')!;
    expect(early.pane!.watermark).toBe('-Infinity');
    const human = sim([SCORES]).stdout;
    expect(human).toMatch(/^panes at \S+: 4 early, 4 on time, 1 late$/m);
    expect(human).toMatch(/^event time at \S+: watermark end of input, 0 late elements dropped$/m);
  });

  it('join results carry both sides; a stream-time join reports its stream time', () => {
    const report = simJson([STREAM_JOIN]);
    const rows = Object.values(report.sinks)[0]!;
    const unmatched = rows.filter((r) => r.join!.left === null || r.join!.right === null);
    expect(unmatched.map((r) => [r.join!.left?.value ?? null, r.join!.right?.value ?? null])).toHaveLength(3);
    const joinComponent = Object.values(report.components).find((c) => c.kind === 'join')!;
    expect(joinComponent.streamTime).toBe(100);
    expect(sim([STREAM_JOIN]).stdout).toMatch(
      /^event time at \S+: stream time 100 ms, 0 late elements dropped$/m,
    );
  });
});
