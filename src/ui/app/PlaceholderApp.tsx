import { type ReactNode, useEffect, useState } from 'react';
import { createEngineClient } from '../../client/engineClient.ts';
import type { RunSummary } from '../../protocol/messages.ts';
import { AccuracyLine } from './AccuracyLine.tsx';
import { CountersTable } from './CountersTable.tsx';
import { formatCount } from './format.ts';

type RunState =
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly result: RunSummary }
  | { readonly status: 'failed'; readonly message: string };

/**
 * A placeholder until the playground exists: runs one scenario in an engine worker and shows what
 * came back. It proves the path UI → client → worker → engine → protocol → UI end to end.
 */
export function PlaceholderApp({ scenario }: { readonly scenario: unknown }) {
  const [state, setState] = useState<RunState>({ status: 'running' });

  useEffect(() => {
    const client = createEngineClient();
    // React runs effects twice in development; a disposed run must not overwrite the live one.
    let current = true;
    client.runScenario(scenario).then(
      (result) => {
        if (current) setState({ status: 'done', result });
      },
      (error: unknown) => {
        if (current)
          setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
      client.dispose();
    };
  }, [scenario]);

  return (
    <main className="page">
      <header className="page-header">
        <h1>StreamLab</h1>
        <p className="lede">
          Engine check: a scenario run in a Web Worker by the deterministic engine. The playground editor
          comes later.
        </p>
      </header>
      {state.status === 'running' && <p role="status">Running the scenario in a Web Worker…</p>}
      {state.status === 'failed' && (
        <p role="alert" className="error">
          The run failed: {state.message}
        </p>
      )}
      {state.status === 'done' && <RunReport result={state.result} />}
    </main>
  );
}

function RunReport({ result }: { readonly result: RunSummary }) {
  return (
    <section aria-labelledby="run-title" className="run">
      <h2 id="run-title">{result.title}</h2>
      <p role="status">Run finished{result.done ? '' : ' (stopped early)'}.</p>
      <dl className="facts">
        <Fact label="Semantics" value={result.semantics} />
        <Fact label="Seed" value={String(result.seed)} />
        <Fact label="Virtual time" value={`${formatCount(result.virtualTimeMs)} ms`} />
        <Fact label="Trace hash" value={<code>{result.traceHash}</code>} />
      </dl>
      <AccuracyLine accuracy={result.accuracy} />
      <CountersTable components={result.components} />
    </section>
  );
}

function Fact({ label, value }: { readonly label: string; readonly value: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
