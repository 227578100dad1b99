import { z } from 'zod';

/** What the UI asks of the windows panel. */
export const WindowsRequest = z.object({});
export type WindowsRequest = z.infer<typeof WindowsRequest>;

/** The windows panel's view: window results: panes by key and window, with their timing, corrections and dropped stragglers. */
export const WindowsView = z.object({});
export type WindowsView = z.infer<typeof WindowsView>;
