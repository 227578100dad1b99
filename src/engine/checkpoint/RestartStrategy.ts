import type { RestartStrategy } from '../model/types.ts';

/**
 * Flink's restart strategies as a small state machine: after a failure, restart after a delay, or
 * give up (the job fails for good).
 */
export class Restarts {
  private attempts = 0;
  private readonly failures: number[] = [];

  constructor(private readonly strategy: RestartStrategy) {}

  /** A failure happened at `now`: the delay until the restart, or null when the job gives up. */
  onFailure(now: number): number | null {
    const s = this.strategy;
    switch (s.strategy) {
      case 'none':
        return null;
      case 'fixed-delay':
        if (this.attempts >= s.attempts) return null;
        this.attempts++;
        return s.delay;
      case 'failure-rate':
        this.failures.push(now);
        while (this.failures.length > 0 && this.failures[0]! <= now - s.interval) this.failures.shift();
        return this.failures.length > s.maxFailures ? null : s.delay;
    }
  }
}
