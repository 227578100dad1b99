/** A 64-bit edge id (two 32-bit halves) as 16 hex digits, as the acknowledger panel shows it. */
export function edgeHex(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}
