import { z } from 'zod';

/** What the UI asks of the eventTime panel. */
export const EventTimeRequest = z.object({});
export type EventTimeRequest = z.infer<typeof EventTimeRequest>;

/** The eventTime panel's view: event time: records by event time and processing time, watermarks, windows, late records. */
export const EventTimeView = z.object({});
export type EventTimeView = z.infer<typeof EventTimeView>;
