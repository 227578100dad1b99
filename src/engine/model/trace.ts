import type { FailureAction } from './types.ts';

/**
 * What the engine did, step by step, for observers (the playground samples these to animate
 * events; tests check them). Emitted only when an observer is attached.
 */
export type TraceEvent =
  | { type: 'read'; time: number; instance: number; partition: number; offset: number; id: number }
  | { type: 'send'; time: number; channel: number; id: number; departure: number; arrival: number }
  | { type: 'process'; time: number; instance: number; id: number; ok: boolean }
  | { type: 'drop'; time: number; channel: number; id: number; reason: 'fault' | 'overflow' }
  | { type: 'lost'; time: number; id: number; where: string; reason: LossReason }
  | { type: 'crash'; time: number; instance: number }
  | { type: 'restart'; time: number; instance: number }
  | { type: 'failure'; time: number; failure: FailureAction };

/** Why a record was lost. */
export type LossReason =
  'crashed-queued' | 'crashed-in-flight' | 'instance-down' | 'processing-failed' | 'dropped';

/** The first loss of an event, kept so the output panel can explain every missing record. */
export interface LossRecord {
  readonly id: number;
  readonly time: number;
  /** Instance name (`analyzer#1`) or channel (`source#0 → analyzer#1`). */
  readonly where: string;
  readonly reason: LossReason;
}

export type TraceObserver = (event: TraceEvent) => void;
