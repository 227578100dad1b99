import type { IssueData } from '../../protocol/messages.ts';

/** Something that went wrong: a sentence, and the engine's issues when it has them. */
export interface Problem {
  readonly message: string;
  readonly issues: readonly IssueData[];
}

/**
 * The engine's issues as a list a person can act on: what is wrong, how to fix it, and where
 * (the path in the scenario file, for those who edit it by hand).
 */
export function IssueList({ issues }: { issues: readonly IssueData[] }) {
  return (
    <ul className="issue-list">
      {issues.map((i, k) => (
        <li key={k}>
          {i.message} — {i.hint}
          {i.path && <code className="issue-path">{i.path}</code>}
        </li>
      ))}
    </ul>
  );
}
