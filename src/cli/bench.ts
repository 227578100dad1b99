/**
 * `npm run bench [-- --json]`: measures the engine against a plain discrete-event reference kernel
 * on the same workload, in one process, alternating kernel and engine samples after a warm-up,
 * and prints the median ratio per case. Not a test: figures depend on the machine; ratios measured
 * in one run are what to compare.
 */
import { runReferenceKernel } from './bench/referenceKernel.ts';
import { runEngineWorkload } from './bench/workload.ts';
import type { Semantics } from '../engine/index.ts';

const KEYS = 1024;
const SEED = 12345;
const SAMPLES = 5;
const MIN_SAMPLE_MS = 1000;

interface Case {
  readonly name: string;
  readonly semantics: Semantics;
  /** What the engine is compared with: the reference kernel, or the engine itself at-most-once. */
  readonly baseline: 'reference-kernel' | 'engine at-most-once';
  /**
   * Runs the workload; returns how to read its checksum. Reading is left out of the timing: a
   * transactional sink's millions of rows are the reader's cost, not the engine's.
   */
  readonly run: (events: number) => () => number;
  /** The target for the ratio (null: none, the ratio is reported). */
  readonly target: number | null;
}

const atMostOnce = (n: number) => runEngineWorkload(n, SEED, KEYS, 'at-most-once');
const kernel = (n: number) => {
  const checksum = runReferenceKernel(n, SEED, KEYS);
  return () => checksum;
};

const cases: Case[] = [
  {
    name: 'at-most-once vs reference kernel',
    semantics: 'at-most-once',
    baseline: 'reference-kernel',
    run: atMostOnce,
    target: 0.5,
  },
  {
    name: 'at-least-once (acking) vs at-most-once',
    semantics: 'at-least-once',
    baseline: 'engine at-most-once',
    run: (n) => runEngineWorkload(n, SEED, KEYS, 'at-least-once', { ackMode: 'acking' }),
    target: 0.5,
  },
  {
    name: 'exactly-once, a checkpoint every 10,000 events, vs at-most-once',
    semantics: 'exactly-once',
    baseline: 'engine at-most-once',
    run: (n) => runEngineWorkload(n, SEED, KEYS, 'exactly-once', { checkpointEvery: 10_000 }),
    target: 0.85,
  },
  {
    name: 'exactly-once, a checkpoint every 1,000 events, vs at-most-once',
    semantics: 'exactly-once',
    baseline: 'engine at-most-once',
    run: (n) => runEngineWorkload(n, SEED, KEYS, 'exactly-once', { checkpointEvery: 1_000 }),
    target: 0.75,
  },
  {
    name: 'tumbling-window count (10 ms) vs at-most-once without windows',
    semantics: 'at-most-once',
    baseline: 'engine at-most-once',
    run: (n) => runEngineWorkload(n, SEED, KEYS, 'at-most-once', { window: 'tumbling' }),
    target: null,
  },
  {
    name: 'session-window count vs at-most-once without windows',
    semantics: 'at-most-once',
    baseline: 'engine at-most-once',
    run: (n) => runEngineWorkload(n, SEED, KEYS, 'at-most-once', { window: 'session' }),
    target: null,
  },
];

function timeIt(f: () => unknown): { ms: number } {
  const t0 = performance.now();
  f();
  return { ms: performance.now() - t0 };
}

/** Events needed for one sample of at least MIN_SAMPLE_MS, from a probe run. */
function calibrate(f: (n: number) => unknown): number {
  let n = 50_000;
  for (;;) {
    const { ms } = timeIt(() => f(n));
    if (ms > 200) return Math.ceil((n * MIN_SAMPLE_MS * 1.2) / ms);
    n *= 4;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function main(): void {
  const json = process.argv.includes('--json');
  const log = (s: string) => {
    if (!json) console.log(s);
  };
  // `--case TEXT`: only the cases whose name contains TEXT.
  const only = process.argv.includes('--case') ? process.argv[process.argv.indexOf('--case') + 1] : undefined;
  const results = [];
  for (const c of cases.filter((x) => only === undefined || x.name.includes(only))) {
    const baseline = c.baseline === 'reference-kernel' ? kernel : atMostOnce;
    // Warm-up both (JIT), then size samples so each lasts at least a second.
    const nKernel = calibrate(baseline);
    const nEngine = calibrate(c.run);
    const check = Math.min(nKernel, nEngine, 200_000);
    const expected = baseline(check)();
    const actual = c.run(check)();
    if (expected !== actual) throw new Error(`${c.name}: checksum ${actual} ≠ reference ${expected}`);
    const ratios: number[] = [];
    const engineRates: number[] = [];
    const kernelRates: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const k = timeIt(() => baseline(nKernel));
      const e = timeIt(() => c.run(nEngine));
      const kRate = nKernel / (k.ms / 1000);
      const eRate = nEngine / (e.ms / 1000);
      kernelRates.push(kRate);
      engineRates.push(eRate);
      ratios.push(eRate / kRate);
      log(
        `  ${c.name}: sample ${i + 1}: engine ${fmt(eRate)} ev/s, kernel ${fmt(kRate)} ev/s, ratio ${ratios[i]!.toFixed(3)}`,
      );
    }
    const result = {
      name: c.name,
      semantics: c.semantics,
      baseline: c.baseline,
      eventsPerSec: Math.round(median(engineRates)),
      referenceEventsPerSec: Math.round(median(kernelRates)),
      ratio: Number(median(ratios).toFixed(3)),
      target: c.target,
      meetsTarget: c.target === null ? null : median(ratios) >= c.target,
    };
    results.push(result);
    const verdict =
      c.target === null ? 'no target' : `target ≥ ${c.target}: ${result.meetsTarget ? 'met' : 'NOT met'}`;
    log(
      `${c.name}: median ratio ${result.ratio}, ${verdict} ` +
        `(engine ${fmt(result.eventsPerSec)} ev/s, baseline ${fmt(result.referenceEventsPerSec)} ev/s)`,
    );
  }
  if (json) console.log(JSON.stringify({ cases: results }, null, 2));
}

function fmt(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(0)} k`;
}

main();
