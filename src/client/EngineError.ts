import type { IssueData } from '../protocol/messages.ts';

/**
 * Why an engine request failed: the engine's message and, for a scenario or failure it rejected,
 * its validation issues (each with the path of the field to fix). Also what pending requests are
 * rejected with when the worker stops.
 */
export class EngineError extends Error {
  readonly issues: readonly IssueData[];

  constructor(message: string, issues: readonly IssueData[] = []) {
    super(message);
    this.name = 'EngineError';
    this.issues = issues;
  }
}
