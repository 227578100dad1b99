import { openPanel, pointPanel } from '../../store/panels.ts';

/** Follows an event in the lineage panel (a click on a moving record, a row of another panel). */
export function traceEvent(event: number): void {
  pointPanel('lineage', { event });
  openPanel('lineage');
}
