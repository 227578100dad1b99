import { describe, expect, it } from 'vitest';
import { Ring } from './Ring.ts';

describe('Ring', () => {
  it('keeps the newest items, oldest first, and counts them all', () => {
    const ring = new Ring<number>(3);
    expect(ring.toArray()).toEqual([]);
    expect(ring.last()).toBeUndefined();
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.last()).toBe(7);
    expect(ring.total).toBe(7);
    expect(ring.size).toBe(3);
  });
});
