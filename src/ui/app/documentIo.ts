import type { EngineClient } from '../../client/engineClient.ts';
import type { IssueData } from '../../protocol/messages.ts';
import { type ScenarioDoc, useDocument } from '../../store/document.ts';
import { setPositions } from '../../store/edits.ts';
import { select } from '../../store/selection.ts';
import { requestFit } from '../../store/view.ts';
import { autoLayout, needsLayout } from '../editor/layout.ts';
import { scenarioByFile } from '../scenarios.ts';
import type { Problem } from './Problem.tsx';

/** Replaces the document with `doc` (one undo step), laying it out if it has no positions. */
export function openDocument(doc: ScenarioDoc): void {
  const placed = needsLayout(doc) ? setPositions(doc, autoLayout(doc)) : doc;
  useDocument.getState().replace(placed);
  select([]);
  requestFit();
}

/** Opens one of the scenarios of scenarios/, laid out for the canvas. */
export function loadScenario(file: string): void {
  const entry = scenarioByFile(file);
  if (!entry) return;
  const doc = entry.scenario as unknown as ScenarioDoc;
  useDocument.getState().replace(setPositions(doc, autoLayout(doc)));
  select([]);
  requestFit();
}

/**
 * Imports a scenario file: the text must be JSON and the engine must accept it (the worker
 * validates it). Returns null when it was opened, or the problem — the current job is then untouched.
 */
export async function importDocument(
  text: string,
  client: Pick<EngineClient, 'load'>,
): Promise<Problem | null> {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { message: `it is not JSON (${e instanceof Error ? e.message : String(e)}).`, issues: [] };
  }
  try {
    await client.load(json);
  } catch (e) {
    const issues = (e as { issues?: IssueData[] }).issues ?? [];
    return {
      message:
        issues.length > 0 ? 'the engine found these problems:' : e instanceof Error ? e.message : String(e),
      issues,
    };
  }
  openDocument(json as ScenarioDoc);
  return null;
}

/** Downloads the document as a scenario file (the format of scenarios/ and the CLI). */
export function exportDocument(doc: ScenarioDoc): void {
  const text = JSON.stringify(doc, null, 2) + '\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${
    (doc.title ?? 'scenario')
      .replace(/[^A-Za-z0-9-_ ]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase() || 'scenario'
  }.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
