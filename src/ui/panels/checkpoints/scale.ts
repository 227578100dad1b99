/**
 * A Gantt's horizontal axis: virtual time from `from` to `to` as a percentage of the track, so the
 * rows are plain HTML that stretch with the panel (text stays at its size on a projector).
 */
export function timeScale(from: number, to: number): (t: number) => number {
  const span = Math.max(to - from, 1);
  return (t) => Math.min(100, Math.max(0, (100 * (t - from)) / span));
}

/** A bar's left and width in %, at least `minWidth` % wide so a 2 ms checkpoint on a 10 s axis still shows. */
export function barStyle(
  x: (t: number) => number,
  start: number,
  end: number,
  minWidth = 0.8,
): { left: string; width: string } {
  const left = x(start);
  const width = Math.max(x(end) - left, minWidth);
  return { left: `${Math.min(left, 100 - width)}%`, width: `${width}%` };
}
