import { z } from 'zod';

/** What the UI asks of the checkpoints panel. */
export const CheckpointsRequest = z.object({});
export type CheckpointsRequest = z.infer<typeof CheckpointsRequest>;

/** The checkpoints panel's view: checkpoints: the coordinator's timeline, each instance's alignment and snapshot, recoveries. */
export const CheckpointsView = z.object({});
export type CheckpointsView = z.infer<typeof CheckpointsView>;
