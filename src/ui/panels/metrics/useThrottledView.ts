import { useEffect, useState } from 'react';
import type { MetricsView } from '../../../protocol/panels/metrics.ts';
import { useRun } from '../../../store/run.ts';

/**
 * Charts redraw at most this often (recharts redraws every point: ~10 times a second is plenty for
 * a chart, and keeps the frame budget for the job's animation).
 */
export const REDRAW_MS = 200;

function select(s: ReturnType<typeof useRun.getState>): MetricsView | undefined {
  return s.frame?.panels.metrics;
}

/** The metrics view from the latest frame, at most once per REDRAW_MS (the latest always shows in the end). */
export function useThrottledView(): MetricsView | undefined {
  const [view, setView] = useState(() => select(useRun.getState()));
  useEffect(() => {
    let shownAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      timer = undefined;
      shownAt = performance.now();
      setView(select(useRun.getState()));
    };
    const unsubscribe = useRun.subscribe((s, previous) => {
      if (select(s) === select(previous) || timer !== undefined) return;
      const wait = shownAt + REDRAW_MS - performance.now();
      if (wait <= 0) show();
      else timer = setTimeout(show, wait);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return view;
}
