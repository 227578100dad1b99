import { describe, expect, it } from 'vitest';
import { Acker, AckOutcome } from './Acker.ts';
import { PendingBuffer } from './PendingBuffer.ts';

// The worked example of Storm's acking docs (reference §2.4), with 8-bit ids in the low half.
// Spout S emits sentence s (root R) to bolt A; A splits it into word1 → B#0 and word2 → B#1.
const R = 7;
const eS = 0xb1; // S → A
const e1 = 0x3c; // A → B#0
const e2 = 0x96; // A → B#1

describe('Acker (Storm XOR ledger)', () => {
  it('follows the worked example to completion: B1 → AA → 96 → 00', () => {
    const acker = new Acker(1);
    expect(acker.init(R, 0, eS, 0)).toBe(AckOutcome.pending);
    expect(acker.lastLo).toBe(0xb1);
    // A emitted two words: its ack carries its own edge XOR its children's edges.
    expect(acker.ack(R, 0, eS ^ e1 ^ e2)).toBe(AckOutcome.pending);
    expect(acker.lastLo).toBe(0xaa);
    expect(acker.ack(R, 0, e1)).toBe(AckOutcome.pending); // B#0 acks word1 (an early-out: no children)
    expect(acker.lastLo).toBe(0x96);
    expect(acker.ack(R, 0, e2)).toBe(AckOutcome.completed);
    expect(acker.size).toBe(0);
  });

  it('an explicit fail fails the tree at once, and only once', () => {
    const acker = new Acker(1);
    acker.init(R, 0, eS, 0);
    acker.ack(R, 0, eS ^ e1 ^ e2);
    expect(acker.fail(R)).toBe(AckOutcome.failed);
    // A later ack for the same root starts a fresh entry that can never complete (no init).
    expect(acker.ack(R, 0, e1)).toBe(AckOutcome.pending);
  });

  it('an ack that arrives before the init is kept; completion waits for the init', () => {
    const acker = new Acker(1);
    expect(acker.ack(R, 0, eS ^ e1)).toBe(AckOutcome.pending);
    expect(acker.ack(R, 0, e1)).toBe(AckOutcome.pending);
    expect(acker.init(R, 0, eS, 3)).toBe(AckOutcome.completed);
  });

  it('uses both 32-bit halves of the 64-bit edge ids', () => {
    const acker = new Acker(1);
    acker.init(R, 0x12345678, 0, 0);
    expect(acker.ack(R, 0x12345678, 1)).toBe(AckOutcome.pending);
    expect(acker.ack(R, 0, 1)).toBe(AckOutcome.completed);
  });

  it('spreads roots over instances; a crashed instance loses its entries and ignores messages', () => {
    const acker = new Acker(2);
    acker.init(4, 0, 1, 0);
    acker.init(5, 0, 1, 0);
    expect(acker.instanceOf(5)).toBe(1);
    expect(acker.crash(1)).toEqual([5]);
    expect(acker.ack(5, 0, 1)).toBe(AckOutcome.ignored);
    expect(acker.ack(4, 0, 1)).toBe(AckOutcome.completed);
    acker.restart(1);
    expect(acker.ack(5, 0, 1)).toBe(AckOutcome.pending); // the init was lost with the crash
  });

  it('keeps entries of roots far apart (the ring grows)', () => {
    const acker = new Acker(1);
    acker.init(1, 0, 5, 0);
    acker.init(1 + 1024, 0, 6, 0);
    acker.init(1 + 4096, 0, 7, 0);
    expect(acker.size).toBe(3);
    expect(acker.ack(1, 0, 5)).toBe(AckOutcome.completed);
    expect(acker.ack(1 + 4096, 0, 7)).toBe(AckOutcome.completed);
    expect(acker.entries(0).map((e) => e.root)).toEqual([1025]);
  });

  it('drops an entry untouched for three rotations, silently', () => {
    const acker = new Acker(1);
    acker.init(R, 0, eS, 0);
    acker.rotate();
    acker.rotate();
    expect(acker.size).toBe(1);
    expect(acker.rotate()).toBe(1);
    expect(acker.size).toBe(0);
  });
});

describe('PendingBuffer (spout pending, 2 buckets)', () => {
  it('times a root out at the second tick after its emission', () => {
    const p = new PendingBuffer();
    p.add(1, 0, 0, 0, 0, 1, 0);
    expect(p.expire(1)).toEqual([]);
    expect(p.expire(2).map((e) => e.root)).toEqual([1]);
    expect(p.size).toBe(0);
  });

  it('a notice for an unknown root (late, after a timeout) is ignored', () => {
    const p = new PendingBuffer();
    expect(p.remove(42)).toBeUndefined();
    expect(p.complete(42)).toBe(-1);
  });

  it('grows when a pending root would be overwritten, keeping every entry', () => {
    const p = new PendingBuffer();
    for (const root of [0, 256, 512, 3]) p.add(root, 0, root, root, 0, 1, 0);
    expect(p.size).toBe(4);
    expect(p.list().map((e) => e.root)).toEqual([0, 3, 256, 512]);
    expect(p.complete(256)).toBe(0);
    expect(p.max).toBe(4);
  });
});
