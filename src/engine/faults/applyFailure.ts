import { assertNever } from '../core/assert.ts';
import type { FailureAction } from '../model/types.ts';
import type { Engine } from '../runtime/Engine.ts';
import type { EdgeRuntime } from '../runtime/Instance.ts';

/**
 * Applies one failure primitive to a running engine, now. Spans (fail-events, outages, drops,
 * delays, slow-downs) become fault windows on what they affect; a crash takes the instance down.
 * The action must already be validated against the job (see parseFailureAction).
 */
export function applyFailure(engine: Engine, failure: FailureAction): void {
  const now = engine.now;
  engine.failuresApplied.push({ time: now, failure });
  const component = (id: string) => engine.rt.components.find((c) => c.id === id)!;
  const edge = (from: string, to: string) =>
    engine.rt.edges.find((e) => e.spec.from === from && e.spec.to === to)!;
  switch (failure.action) {
    case 'crash': {
      const comp = component(failure.component);
      const targets = failure.instance === undefined ? comp.instances : [comp.instances[failure.instance]!];
      for (const inst of targets) engine.crash(inst, failure.restartAfter);
      break;
    }
    case 'fail-events':
      markFaulty(component(failure.component), now + failure.duration).failWindows.push({
        from: now,
        to: now + failure.duration,
        instance: failure.instance,
        probability: failure.probability,
      });
      break;
    case 'slow':
      markFaulty(component(failure.component), now + failure.duration).slowWindows.push({
        from: now,
        to: now + failure.duration,
        instance: failure.instance,
        factor: failure.factor,
      });
      break;
    case 'store-outage': {
      const windows = engine.storeOutages.get(failure.store) ?? [];
      windows.push({ from: now, to: now + failure.duration });
      engine.storeOutages.set(failure.store, windows);
      break;
    }
    case 'drop':
      markEdgeFaulty(engine, edge(failure.from, failure.to), now + failure.duration).dropWindows.push({
        from: now,
        to: now + failure.duration,
        probability: failure.probability,
      });
      break;
    case 'delay':
      markEdgeFaulty(engine, edge(failure.from, failure.to), now + failure.duration).delayWindows.push({
        from: now,
        to: now + failure.duration,
        extra: failure.extra,
      });
      break;
    case 'crash-acker':
      engine.crashAcker(failure.instance, failure.restartAfter);
      break;
    case 'checkpoint-storage-failure':
      engine.checkpointing?.storageFailures.push({ from: now, to: now + failure.duration });
      break;
    case 'lose-checkpoint-notices':
      engine.checkpointing?.lostNotices.push({ from: now, to: now + failure.duration });
      break;
    default:
      assertNever(failure, 'failure action');
  }
}

function markFaulty<T extends { faultyUntil: number }>(target: T, until: number): T {
  if (until > target.faultyUntil) target.faultyUntil = until;
  return target;
}

/** Marks an edge and each of its channels (the hot path reads the channel's copy). */
function markEdgeFaulty(engine: Engine, edge: EdgeRuntime, until: number): EdgeRuntime {
  markFaulty(edge, until);
  for (const ch of engine.rt.channels) if (ch.edge === edge.index) markFaulty(ch, until);
  return edge;
}
