import { fmix32 } from './hash.ts';

/**
 * Seeded pseudo-random generator: xoshiro128** (Blackman & Vigna), seeded through splitmix32.
 * 32-bit state words only, so it gives identical sequences in every JavaScript runtime.
 * One instance per purpose (failures, acker edge ids, ...) so that turning one feature on never
 * shifts the random numbers another feature sees.
 */
export class Rng {
  /** The four 32-bit state words, in a typed array: plain number fields would be boxed. */
  private readonly s = new Int32Array(4);

  constructor(seed: number, stream = 0) {
    let x = (fmix32(seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      // splitmix32
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    const st = this.s;
    st[0] = next();
    st[1] = next();
    st[2] = next();
    st[3] = next();
    if ((st[0]! | st[1]! | st[2]! | st[3]!) === 0) st[0] = 1;
  }

  /** Sets the state words (tests check the algorithm against its reference sequence). */
  setState(s0: number, s1: number, s2: number, s3: number): void {
    this.s[0] = s0;
    this.s[1] = s1;
    this.s[2] = s2;
    this.s[3] = s3;
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const st = this.s;
    const s0 = st[0]!;
    const s1 = st[1]!;
    const s2 = st[2]! ^ s0;
    const s3 = st[3]! ^ s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    st[1] = s1 ^ s2;
    st[0] = s0 ^ s3;
    st[2] = s2 ^ (s1 << 9);
    st[3] = rotl(s3, 11);
    return result;
  }

  /** Next float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Next integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p >= 1 ? true : p <= 0 ? false : this.next() < p;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Named random streams: each purpose draws from its own generator. */
export const RngStream = {
  failures: 1,
  ackerIds: 2,
  edgeFaults: 3,
} as const;
