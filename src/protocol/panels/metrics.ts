import { z } from 'zod';

/** What the UI asks of the metrics panel. */
export const MetricsRequest = z.object({});
export type MetricsRequest = z.infer<typeof MetricsRequest>;

/** The metrics panel's view: time series of throughput, latency, backlog, checkpoints and accuracy. */
export const MetricsView = z.object({});
export type MetricsView = z.infer<typeof MetricsView>;
