import { z } from 'zod';

/** Building blocks of the protocol's schemas (messages.ts and the panels' views). */

export const RequestId = z.number().int().nonnegative();
export const Count = z.number().int().nonnegative();
/**
 * Virtual ms. ±Infinity travel fine through structured clone, and the engine uses them (the final
 * watermark of a bounded input is +Infinity), but zod 4's z.number() rejects them: allow them here.
 */
export const Time = z.union([z.number(), z.literal(Infinity), z.literal(-Infinity)]);
