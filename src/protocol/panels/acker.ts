import { z } from 'zod';

/** What the UI asks of the acker panel. */
export const AckerRequest = z.object({});
export type AckerRequest = z.infer<typeof AckerRequest>;

/** The acker panel's view: the acknowledger: a source event's tree, the pending buffers, the acker's ledger and counters. */
export const AckerView = z.object({});
export type AckerView = z.infer<typeof AckerView>;
