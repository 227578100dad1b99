import { useEffect, useRef, useState } from 'react';

/**
 * The value, changing at most once every `ms` (the latest one always comes, at most `ms` late): a
 * plot of a thousand points need not redraw on every animation frame while the run plays.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, shownAt.current + ms - performance.now());
    const timer = setTimeout(() => {
      shownAt.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
