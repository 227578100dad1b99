import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, runScenario } from '../engine/index.ts';
import { EngineEvent, PROTOCOL_VERSION } from '../protocol/messages.ts';
import { createEngineHost, type PortLike } from './engineHost.ts';

const scenarioText = readFileSync(new URL('../../scenarios/system-usage.json', import.meta.url), 'utf8');

/** An in-process stand-in for a worker: `send` plays the UI thread, `events` is what came back. */
function inProcessHost() {
  const events: EngineEvent[] = [];
  let listener: ((event: { data: unknown }) => void) | undefined;
  const port: PortLike = {
    postMessage: (message) => events.push(EngineEvent.parse(structuredClone(message))),
    addEventListener: (_type, l) => {
      listener = l;
    },
  };
  createEngineHost(port);
  const send = (data: unknown): EngineEvent => {
    listener!({ data: structuredClone(data) });
    return events.at(-1)!;
  };
  return { events, send };
}

describe('createEngineHost (in-process)', () => {
  it('announces the protocol version first', () => {
    expect(inProcessHost().events).toEqual([{ type: 'ready', protocolVersion: PROTOCOL_VERSION }]);
  });

  it('runs a scenario with the same trace hash and counters as runScenario in Node', () => {
    const direct = runScenario(parseScenarioText(scenarioText));
    const event = inProcessHost().send({
      type: 'run-scenario',
      requestId: 7,
      scenario: JSON.parse(scenarioText),
    });

    expect(event.type).toBe('result');
    if (event.type !== 'result') return;
    expect(event.requestId).toBe(7);
    expect(event.result.traceHash).toBe(direct.traceHash);
    expect(event.result.virtualTimeMs).toBe(direct.virtualTimeMs);
    expect(event.result.accuracy).toEqual(direct.accuracy);
    expect(event.result.components.map((c) => [c.id, c.processed, c.delivered, c.lost])).toEqual(
      direct.snapshot.components.map((c) => [c.id, c.processed, c.delivered, c.lost]),
    );
  });

  it('honours `until`', () => {
    const direct = runScenario(parseScenarioText(scenarioText), { until: 2500 });
    const event = inProcessHost().send({
      type: 'run-scenario',
      requestId: 1,
      scenario: JSON.parse(scenarioText),
      until: 2500,
    });
    expect(event).toMatchObject({
      type: 'result',
      result: { traceHash: direct.traceHash, virtualTimeMs: 2500 },
    });
  });

  it('answers an invalid scenario with an error naming the field', () => {
    const scenario = { ...JSON.parse(scenarioText), seed: 'seven' };
    const event = inProcessHost().send({ type: 'run-scenario', requestId: 3, scenario });
    expect(event).toMatchObject({ type: 'error', requestId: 3 });
    expect(event.type === 'error' && event.message).toMatch(/seed/);
  });

  it('answers a malformed command with an error instead of throwing', () => {
    const host = inProcessHost();
    expect(host.send({ type: 'launch-rockets', requestId: 4 })).toMatchObject({
      type: 'error',
      requestId: 4,
    });
    expect(host.send('hello')).toMatchObject({ type: 'error', requestId: null });
    expect(host.send({ type: 'run-scenario', scenario: {} })).toMatchObject({
      type: 'error',
      requestId: null,
    });
  });
});
