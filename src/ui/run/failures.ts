/**
 * The failures a click can inject, as the engine's failure actions (validated by the engine when
 * injected). Durations are short enough to watch the job recover.
 */
export interface FailureChoice {
  readonly label: string;
  readonly failure: Record<string, unknown>;
}

export function componentFailures(
  id: string,
  kind: string,
  instances: readonly string[],
  store?: string,
): FailureChoice[] {
  const choices: FailureChoice[] = instances.map((name, instance) => ({
    label: `Crash ${name}`,
    failure: { action: 'crash', component: id, instance, restartAfter: 1000 },
  }));
  if (instances.length > 1) {
    choices.push({
      label: `Crash every ${id} instance`,
      failure: { action: 'crash', component: id, restartAfter: 1000 },
    });
  }
  if (!kind.endsWith('-source')) {
    choices.push({
      label: 'Fail every event for 1 s',
      failure: { action: 'fail-events', component: id, probability: 1, duration: 1000 },
    });
  }
  if (store !== undefined) {
    choices.push({
      label: `Take the store "${store}" down for 1 s`,
      failure: { action: 'store-outage', store, duration: 1000 },
    });
  }
  choices.push({
    label: 'Slow down ×10 for 1 s',
    failure: { action: 'slow', component: id, factor: 10, duration: 1000 },
  });
  return choices;
}

export function edgeFailures(from: string, to: string): FailureChoice[] {
  return [
    {
      label: 'Drop every message for 0.5 s',
      failure: { action: 'drop', from, to, probability: 1, duration: 500 },
    },
    {
      label: 'Drop half the messages for 2 s',
      failure: { action: 'drop', from, to, probability: 0.5, duration: 2000 },
    },
    {
      label: 'Delay messages by 50 ms for 1 s',
      failure: { action: 'delay', from, to, extra: 50, duration: 1000 },
    },
  ];
}
