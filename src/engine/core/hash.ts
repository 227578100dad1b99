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

/** Renders the two 32-bit lanes of a trace hash as 16 hex digits (well mixed). */
export function traceHex(h1: number, h2: number): string {
  const a = fmix32(h1 ^ Math.imul(h2, 0x9e3779b1));
  const b = fmix32(h2 ^ Math.imul(h1, 0x85ebca77));
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
