import { z } from 'zod';

/** What the UI asks of the output panel. */
export const OutputRequest = z.object({});
export type OutputRequest = z.infer<typeof OutputRequest>;

/** The output panel's view: a sink's output beside the failure-free run's, every anomaly explained. */
export const OutputView = z.object({});
export type OutputView = z.infer<typeof OutputView>;
