const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12345 → "12,345": counters must stay readable on a projector. */
export function formatCount(n: number): string {
  return counts.format(n);
}
