import { createEngineHost } from './engineHost.ts';

// A thin shell: all the logic is in engineHost.ts, which tests run in-process.
createEngineHost(self);
