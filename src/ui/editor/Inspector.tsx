import { useShallow } from 'zustand/react/shallow';
import type { IssueData } from '../../protocol/messages.ts';
import { useDocument } from '../../store/document.ts';
import { updateComponent, updateEdge, updateSettings } from '../../store/edits.ts';
import { useRun } from '../../store/run.ts';
import { select, useSelection } from '../../store/selection.ts';
import { edgeFailures } from '../run/failures.ts';
import { useRunHandle, useRunState } from '../run/RunController.tsx';
import { componentSchema, EDGE_SCHEMA, SCENARIO_SCHEMA } from '../schema.ts';
import { SchemaForm } from './SchemaForm.tsx';

/** The engine's issues under a path prefix, by the field right after it. */
function issuesUnder(issues: readonly IssueData[], prefix: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    if (!issue.path.startsWith(prefix)) continue;
    const field = issue.path.slice(prefix.length).replace(/^\./, '').split(/[.[]/)[0] || '';
    out.set(field, [...(out.get(field) ?? []), issue.message]);
  }
  return out;
}

/**
 * The settings of what is selected: a component's fields (by kind), an edge's, or — with nothing
 * selected — the scenario's. Edits apply at once (one undo step each) and the engine validates
 * them; its messages appear under the field.
 */
export function Inspector() {
  const nodes = useSelection((s) => s.nodes);
  const edges = useSelection((s) => s.edges);
  let body;
  if (nodes.size === 1 && edges.size === 0) body = <ComponentInspector id={[...nodes][0]!} />;
  else if (edges.size === 1 && nodes.size === 0) body = <EdgeInspector index={[...edges][0]!} />;
  else if (nodes.size + edges.size > 1)
    body = <p className="muted">{nodes.size + edges.size} items selected.</p>;
  else body = <ScenarioInspector />;
  return (
    <aside className="inspector" aria-label="Inspector">
      {body}
    </aside>
  );
}

function ComponentInspector({ id }: { id: string }) {
  const index = useDocument((s) => s.doc.job.components.findIndex((c) => c.id === id));
  const component = useDocument((s) => s.doc.job.components[index]);
  const issues = useRun(useShallow((s) => s.issues));
  if (!component) return null;
  const schema = componentSchema(component.kind);
  return (
    <section>
      <h2>
        {component.name ?? component.id} <small>{component.kind}</small>
      </h2>
      {schema ? (
        <SchemaForm
          idPrefix={`component-${id}`}
          schema={schema}
          value={component}
          skip={['position']}
          readOnly={['kind']}
          issues={issuesUnder(issues, `job.components[${index}]`)}
          onChange={(field, value) => {
            if (field === 'id' && (typeof value !== 'string' || value === '')) return;
            useDocument.getState().update((d) => updateComponent(d, id, { [field]: value }));
            if (field === 'id') select([value as string]);
          }}
        />
      ) : (
        <p className="field-error">Unknown component kind "{component.kind}".</p>
      )}
    </section>
  );
}

function EdgeInspector({ index }: { index: number }) {
  const edge = useDocument((s) => s.doc.job.edges[index]);
  const issues = useRun(useShallow((s) => s.issues));
  const { actor } = useRunHandle();
  const state = useRunState();
  if (!edge) return null;
  const canBreak = state === 'paused' || state === 'running';
  return (
    <section>
      <h2>
        Edge {edge.from} → {edge.to}
      </h2>
      <SchemaForm
        idPrefix={`edge-${index}`}
        schema={EDGE_SCHEMA}
        value={edge}
        readOnly={['from', 'to']}
        issues={issuesUnder(issues, `job.edges[${index}]`)}
        onChange={(field, value) =>
          useDocument.getState().update((d) => updateEdge(d, index, { [field]: value }))
        }
      />
      <h3>Break this edge</h3>
      <ul className="actions">
        {edgeFailures(edge.from, edge.to).map((c) => (
          <li key={c.label}>
            <button
              type="button"
              disabled={!canBreak}
              onClick={() => actor.send({ type: 'INJECT', failure: c.failure })}
            >
              {c.label}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ScenarioInspector() {
  const doc = useDocument((s) => s.doc);
  const issues = useRun(useShallow((s) => s.issues));
  return (
    <section>
      <h2>Scenario</h2>
      <p className="muted">Select a component or an edge to edit it.</p>
      <SchemaForm
        idPrefix="scenario"
        schema={SCENARIO_SCHEMA}
        value={doc}
        skip={['$schema', 'version', 'job', 'semantics']}
        issues={issuesUnder(issues, '')}
        onChange={(field, value) =>
          useDocument.getState().update((d) => updateSettings(d, { [field]: value }))
        }
      />
    </section>
  );
}
