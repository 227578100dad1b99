import { z } from 'zod';

/** What the UI asks of the lineage panel. */
export const LineageRequest = z.object({});
export type LineageRequest = z.infer<typeof LineageRequest>;

/** The lineage panel's view: one event's way through the job: times processed and delivered at each component. */
export const LineageView = z.object({});
export type LineageView = z.infer<typeof LineageView>;
