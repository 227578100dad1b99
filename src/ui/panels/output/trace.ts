import { openPanel } from '../../../store/panels.ts';

/**
 * Opens the event lineage panel for `event`. The lineage panel's request does not take an event
 * yet (its schema is the lineage panel's to define): once it does, point it here first with
 * `pointPanel('lineage', { event })`. Until then the row's event id is on the row as
 * `data-event-id`.
 */
export function traceEvent(_event: number): void {
  openPanel('lineage');
}
