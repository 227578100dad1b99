import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, runScenario } from '../engine/index.ts';
import type { Frame } from '../protocol/messages.ts';
import { createEngineClient, type EngineClient } from './engineClient.ts';

const text = (file: string) => readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8');

/** Resolves with the first frame that satisfies `done`. */
function frameWhere(client: EngineClient, done: (f: Frame) => boolean): Promise<Frame> {
  return new Promise((resolve) => {
    const off = client.onFrame((f) => {
      if (done(f)) {
        off();
        resolve(f);
      }
    });
  });
}

// Node has no Web Worker: the default client runs the engine host on this thread (the fallback).
describe('engine client on the main-thread fallback, end to end', () => {
  it('loads, plays at full speed to the end and shows the trace, time and accuracy of runScenario', async () => {
    const expected = runScenario(parseScenarioText(text('system-usage.json')));
    const client = createEngineClient();
    try {
      const info = await client.load(JSON.parse(text('system-usage.json')));
      expect(info.title).toBe('System usage job with a database outage');
      const done = frameWhere(client, (f) => f.status === 'done' && f.accuracyTime === f.time);
      await client.play('max');
      const frame = await done;
      expect(frame.traceHash).toBe(expected.traceHash);
      expect(frame.time).toBe(expected.virtualTimeMs);
      expect(frame.accuracy).toEqual(expected.accuracy);
      expect(frame.accuracy.missing).toBeGreaterThan(0);
    } finally {
      client.dispose();
    }
  });

  it('several clients at once: each has its own engine', async () => {
    const files = ['system-usage.json', 'fraud-detection.json'];
    const clients = files.map(() => createEngineClient());
    try {
      const results = await Promise.all(clients.map((c, i) => c.runScenario(JSON.parse(text(files[i]!)))));
      expect(results.map((r) => r.traceHash)).toEqual(
        files.map((f) => runScenario(parseScenarioText(text(f))).traceHash),
      );
    } finally {
      for (const c of clients) c.dispose();
    }
  });

  it('an invalid scenario is refused with the engine’s issues, and the loaded run stays', async () => {
    const client = createEngineClient();
    try {
      await client.load(JSON.parse(text('system-usage.json')));
      const refused = client.load({ job: { components: [{ id: 'x', kind: 'teleporter' }], edges: [] } });
      await expect(refused).rejects.toMatchObject({
        issues: [expect.objectContaining({ path: 'job.components[0].kind' })],
      });
      await expect(client.step('event')).resolves.toBeUndefined();
    } finally {
      client.dispose();
    }
  });
});
