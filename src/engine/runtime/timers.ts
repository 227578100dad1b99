import { failCheckpoint, triggerCheckpoint } from '../checkpoint/lifecycle.ts';
import { restartJob } from '../checkpoint/recovery.ts';
import { assertNever } from '../core/assert.ts';
import { applyFailure } from '../faults/applyFailure.ts';
import type { FailureAction } from '../model/types.ts';
import { operatorTimer, periodicWatermark } from '../time/propagation.ts';
import { restartInstance } from './crash.ts';
import type { Engine } from './Engine.ts';

/** What a timer does when it fires. */
export type TimerAction =
  | { readonly type: 'failure'; readonly failure: FailureAction }
  | { readonly type: 'restart'; readonly instance: number }
  | { readonly type: 'ack-tick' }
  | { readonly type: 'acker-restart'; readonly instance: number }
  | { readonly type: 'checkpoint-trigger' }
  | { readonly type: 'checkpoint-timeout'; readonly id: number }
  /** A source instance's periodic watermark emit (and idleness check). */
  | { readonly type: 'watermark-emit'; readonly instance: number }
  /** A processing-time timer an operator registered (early firings). */
  | { readonly type: 'operator-timer'; readonly instance: number; readonly time: number }
  | { readonly type: 'job-restart' };

/** Carries out a timer's action (the engine has already advanced its clock to the timer). */
export function fireTimer(engine: Engine, action: TimerAction): void {
  switch (action.type) {
    case 'failure':
      applyFailure(engine, action.failure);
      engine.observer?.({ type: 'failure', time: engine.now, failure: action.failure });
      break;
    case 'restart':
      restartInstance(engine, engine.rt.instances[action.instance]!);
      break;
    case 'ack-tick': {
      // Storm's timeout tick: rotate the acker and the pending buffers; timed-out roots are replayed.
      const acking = engine.acking!;
      engine.ackTick = null;
      for (const slot of acking.tickAll(engine.now)) engine.sourceMayEmit(engine.rt.sourceInstances[slot]!);
      if (acking.busy) engine.ensureTick();
      break;
    }
    case 'acker-restart':
      engine.acking?.acker.restart(action.instance);
      break;
    case 'checkpoint-trigger': {
      const next = triggerCheckpoint(engine, engine.checkpointing!);
      if (next !== null) engine.scheduleCheckpoint(next);
      break;
    }
    case 'checkpoint-timeout': {
      const cp = engine.checkpointing!;
      if (cp.coordinator.isPending(action.id)) {
        failCheckpoint(
          engine,
          cp,
          action.id,
          `expired: not complete ${cp.settings.timeout} ms after its trigger`,
        );
      }
      break;
    }
    case 'watermark-emit':
      periodicWatermark(engine, engine.rt.instances[action.instance]!);
      break;
    case 'operator-timer':
      operatorTimer(engine, engine.rt.instances[action.instance]!, action.time);
      break;
    case 'job-restart':
      restartJob(engine, engine.checkpointing!);
      break;
    default:
      assertNever(action, 'timer action');
  }
}
