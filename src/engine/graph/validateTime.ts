import { ErrorCode, type Issue } from '../core/errors.ts';
import { roleOf, type ComponentSpec, type JobSpec, type SourceSpec } from '../model/types.ts';
import { watermarkStrategy } from '../time/strategy.ts';

/**
 * Event-time checks on a structurally sound job: window settings that cannot work, joins whose
 * inputs do not match their sides, side outputs from components that have none, and windows or
 * joins on the watermark clock fed by a source without event time.
 */
export function validateTime(job: JobSpec): Issue[] {
  const issues: Issue[] = [];
  const byId = new Map(job.components.map((c, i) => [c.id, { c, i }]));
  const inputsOf = (id: string) =>
    job.edges.filter((e) => e.to === id && e.output === 'main').map((e) => e.from);

  job.components.forEach((c, i) => {
    const at = `components[${i}]`;
    const issue = (path: string, message: string, hint: string, code: ErrorCode = ErrorCode.InvalidSetting) =>
      issues.push({ code, path: `${at}${path}`, message: `"${c.id}": ${message}`, hint, componentId: c.id });
    if (c.kind === 'window') {
      const w = c.window;
      if ((w.type === 'hopping' || w.type === 'sliding') && w.slide > w.size) {
        issue(
          '.window.slide',
          `a slide of ${w.slide} ms is longer than the window (${w.size} ms): events between two windows would belong to none`,
          `use a slide of at most ${w.size} ms (equal: tumbling windows)`,
        );
      }
      if (c.emit === 'every-update' && (c.early !== undefined || c.count !== undefined)) {
        issue(
          `.${c.early !== undefined ? 'early' : 'count'}`,
          'emit "every-update" already emits a pane for every element, so early firings and a count trigger would never add one',
          'remove it, or use emit "window-close"',
        );
      }
      if (c.count !== undefined && c.early !== undefined) {
        issue(
          '.early',
          'a count trigger replaces the end-of-window trigger, and early firings cannot be combined with it',
          'keep either "count" or "early"',
        );
      }
      if (w.type === 'global' && c.count === undefined) {
        issue(
          '.window',
          'a global window never ends, so without a count trigger it never fires',
          'add "count": N, a pane every N elements',
        );
      }
    }
    if (c.kind === 'join' || c.kind === 'table-join') {
      const inputs = inputsOf(c.id);
      const [first, second] = c.kind === 'join' ? [c.left, c.right] : [c.stream, c.table];
      const [firstName, secondName] = c.kind === 'join' ? ['left', 'right'] : ['stream', 'table'];
      if (inputs.length !== 2) {
        issue(
          '',
          `a join needs exactly two inputs, and it has ${inputs.length}`,
          `connect the ${firstName} and the ${secondName} input to it`,
          ErrorCode.WrongInputs,
        );
      } else {
        if (first === second)
          issue(
            `.${secondName}`,
            `${firstName} and ${secondName} are both "${first}"`,
            'name two different inputs',
          );
        for (const [field, id] of [
          [firstName, first],
          [secondName, second],
        ] as const) {
          if (!inputs.includes(id)) {
            issue(
              `.${field}`,
              `"${id}" is not one of its inputs (${inputs.join(', ')})`,
              `name one of ${inputs.join(', ')}`,
            );
          }
        }
      }
    }
  });

  job.edges.forEach((e, i) => {
    if (e.output !== 'late') return;
    const from = byId.get(e.from)!.c;
    if (from.kind !== 'window' || from.lateData !== 'side-output') {
      issues.push({
        code: ErrorCode.InvalidSetting,
        path: `edges[${i}].output`,
        message: `"${e.from}" has no side output for late elements`,
        hint:
          from.kind === 'window'
            ? 'set "lateData": "side-output" on the window'
            : 'only a window has late elements; use "output": "main"',
        edgeIndex: i,
        componentId: e.from,
      });
    }
  });

  // A window or join on the watermark clock needs event time from every source that feeds it.
  job.components.forEach((c, i) => {
    if (!usesWatermarks(c)) return;
    for (const id of upstreamSources(job, c.id)) {
      const source = byId.get(id)!.c as SourceSpec;
      if (watermarkStrategy(source).strategy !== 'none') continue;
      issues.push({
        code: ErrorCode.InvalidSetting,
        path: `components[${i}]`,
        message: `"${c.id}" closes ${c.kind === 'window' ? 'windows' : 'join windows'} on watermarks, but source "${id}" has no event time (no watermarks), so event time never advances`,
        hint: `give "${id}" watermarks, e.g. "watermarks": {"strategy": "bounded-out-of-orderness", "bound": 100}, or use "clock": "stream-time"`,
        componentId: c.id,
      });
    }
  });
  return issues;
}

function usesWatermarks(c: ComponentSpec): boolean {
  return (c.kind === 'window' || c.kind === 'join') && c.clock === 'watermark';
}

/** The sources from which records reach component `id`. */
function upstreamSources(job: JobSpec, id: string): string[] {
  const kinds = new Map(job.components.map((c) => [c.id, c.kind]));
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (to: string) => {
    for (const e of job.edges) {
      if (e.to !== to || seen.has(e.from)) continue;
      seen.add(e.from);
      if (roleOf(kinds.get(e.from)!) === 'source') out.push(e.from);
      else visit(e.from);
    }
  };
  visit(id);
  return out;
}
