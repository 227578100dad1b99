/**
 * Small, fast, deterministic 32-bit hashing used for partitioning, generated data and the trace hash.
 * All functions are pure and give the same result in Node and in browsers (they only use 32-bit
 * integer arithmetic via Math.imul and >>>).
 */

/** FNV-1a over the UTF-16 code units of a string. Used for fields grouping on string keys. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finalizer: a good avalanche for integers. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two 32-bit values into one well-mixed 32-bit value. */
export function mix2(a: number, b: number): number {
  return fmix32(Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ fmix32(b + 0x27d4eb2f));
}

/** Hash of (seed, stream, index) as a float in [0, 1): stateless randomness for generated records. */
export function unitHash(seed: number, stream: number, index: number): number {
  return mix2(mix2(seed, stream), index) / 4294967296;
}

/** Hash of a number (integers and fractions alike) for fields grouping on numeric fields. */
export function hashNumber(n: number): number {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 31) return fmix32(n);
  return hashString(String(n));
}

/**
 * Incremental 64-bit (two independent 32-bit lanes) hash of the engine's steps. Every step of a run
 * is folded in, so two runs with the same trace hash took the same steps in the same order.
 */
export class TraceHash {
  private h1 = 0x811c9dc5;
  private h2 = 0x1b873593;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  /** Folds in one 32-bit integer. */
  int(x: number): void {
    this.h1 = Math.imul(this.h1 ^ x, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ x, 0x5bd1e995) ^ (this.h2 >>> 15);
  }

  /** Folds in a float exactly (both halves of its IEEE-754 bits). */
  num(x: number): void {
    this.f64[0] = x;
    this.int(this.u32[0]!);
    this.int(this.u32[1]!);
  }

  /**
   * Folds in one scheduler step: what happened (kind), where (an instance or channel), to which
   * element (id), its content (a hash of key and value) and when. Time is folded at 1/4096 ms
   * resolution, exactly and cheaply.
   */
  step(kind: number, where: number, id: number, content: number, time: number): void {
    const a = (where << 4) ^ kind;
    const b = (time * 4096) | 0;
    const c = (time / 524288) | 0; // the high part, for runs longer than 2^19 ms
    this.h1 = Math.imul(Math.imul(Math.imul(this.h1 ^ a, 0x01000193) ^ id, 0x01000193) ^ b, 0x01000193) ^ c;
    this.h2 = Math.imul(Math.imul(this.h2 ^ content, 0x5bd1e995) ^ (b + a), 0x5bd1e995) ^ (this.h2 >>> 15);
  }

  /** Folds in a string. */
  str(s: string): void {
    this.int(hashString(s));
  }

  /** The hash so far as 16 hex digits. */
  hex(): string {
    const a = fmix32(this.h1 ^ Math.imul(this.h2, 0x9e3779b1));
    const b = fmix32(this.h2 ^ Math.imul(this.h1, 0x85ebca77));
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }
}
