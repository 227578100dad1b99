import { type ChangeEvent, useRef, useState } from 'react';
import type { Speed } from '../../protocol/messages.ts';
import { EMPTY_DOC, useDocument } from '../../store/document.ts';
import { updateSettings } from '../../store/edits.ts';
import { useRun } from '../../store/run.ts';
import { select } from '../../store/selection.ts';
import { showPanel } from '../../store/view.ts';
import { SCENARIOS } from '../scenarios.ts';
import { useRunHandle, useRunState } from '../run/RunController.tsx';
import { exportDocument, importDocument, loadScenario, openDocument } from './documentIo.ts';
import { formatCount } from './format.ts';
import { IssueList, type Problem } from './Problem.tsx';

const SEMANTICS = [
  { value: 'at-most-once', label: 'At-most-once' },
  { value: 'at-least-once', label: 'At-least-once' },
  { value: 'exactly-once', label: 'Exactly-once' },
] as const;

export const SPEEDS: readonly { value: Speed; label: string }[] = [
  { value: 0.01, label: '0.01×' },
  { value: 0.1, label: '0.1×' },
  { value: 1, label: '1× (real time)' },
  { value: 10, label: '10×' },
  { value: 100, label: '100×' },
  { value: 'max', label: 'Full speed' },
];

/** The bar above the canvas: the scenario, import and export, the semantics, the run controls. */
export function TopBar() {
  return (
    <header className="topbar">
      <h1 className="brand">StreamLab</h1>
      <DocumentTitle />
      <ScenarioControls />
      <SemanticsSwitch />
      <RunControls />
      <RunStatus />
    </header>
  );
}

/** The title of the job being edited (the scenario picker below is only for opening another). */
function DocumentTitle() {
  const title = useDocument((s) => s.doc.title ?? 'Untitled');
  return (
    <p className="doc-title" title={title}>
      {title}
    </p>
  );
}

function ScenarioControls() {
  const input = useRef<HTMLInputElement>(null);
  const { client } = useRunHandle();
  const [error, setError] = useState<Problem | null>(null);
  return (
    <div className="group" role="group" aria-label="Scenario">
      <label htmlFor="scenario-picker" className="visually-hidden">
        Scenario
      </label>
      {/* An action, not a setting: it always shows its prompt, so a scenario can be opened afresh again. */}
      <select
        id="scenario-picker"
        value=""
        onChange={(e) => {
          if (e.target.value) loadScenario(e.target.value);
        }}
      >
        <option value="">Open a scenario…</option>
        {SCENARIOS.map((s) => (
          <option key={s.file} value={s.file}>
            {s.title}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => openDocument(EMPTY_DOC)}>
        New
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        aria-label="Scenario file to import"
        onChange={async (e: ChangeEvent<HTMLInputElement>) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (!f) return;
          const problem = await importDocument(await f.text(), client);
          setError(problem);
        }}
      />
      <button type="button" onClick={() => exportDocument(useDocument.getState().doc)}>
        Export
      </button>
      {error !== null && (
        <div className="import-error" role="alert">
          <p>
            <strong>The file was not imported:</strong> {error.message}
          </p>
          <IssueList issues={error.issues} />
          <button type="button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

function SemanticsSwitch() {
  const semantics = useDocument((s) => s.doc.semantics ?? 'at-most-once');
  const ackMode = useDocument((s) => s.doc.ackMode ?? 'acking');
  const set = (patch: Record<string, unknown>) =>
    useDocument.getState().update((d) => updateSettings(d, patch));
  return (
    <div className="group">
      <fieldset className="semantics" role="radiogroup" aria-label="Delivery semantics">
        <legend className="visually-hidden">Delivery semantics</legend>
        {SEMANTICS.map((s) => (
          <label key={s.value} className={semantics === s.value ? 'checked' : undefined}>
            <input
              type="radio"
              name="semantics"
              value={s.value}
              checked={semantics === s.value}
              onChange={() => set({ semantics: s.value })}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      {semantics === 'at-least-once' && (
        <>
          <label htmlFor="ack-mode" className="visually-hidden">
            At-least-once by
          </label>
          <select
            id="ack-mode"
            value={ackMode}
            onChange={(e) => set({ ackMode: e.target.value })}
            title="How at-least-once is achieved"
          >
            <option value="acking">by acknowledger (Storm)</option>
            <option value="checkpoint">by checkpointed offsets</option>
          </select>
        </>
      )}
    </div>
  );
}

function RunControls() {
  const { actor } = useRunHandle();
  const state = useRunState();
  const [stepTo, setStepTo] = useState<'event' | 'checkpoint' | 'failure'>('event');
  const [speed, setSpeed] = useState<Speed>(1);
  const seed = useDocument((s) => s.doc.seed ?? 1);
  const running = state === 'running';
  const ready = state === 'paused' || running || state === 'done';
  return (
    <div className="group run-controls" role="group" aria-label="Run">
      {running ? (
        <button type="button" onClick={() => actor.send({ type: 'PAUSE' })} aria-keyshortcuts="Space">
          Pause
        </button>
      ) : (
        <button
          type="button"
          disabled={state !== 'paused'}
          onClick={() => actor.send({ type: 'PLAY' })}
          aria-keyshortcuts="Space"
        >
          Play
        </button>
      )}
      <button
        type="button"
        disabled={state !== 'paused'}
        onClick={() => actor.send({ type: 'STEP', to: stepTo })}
        aria-keyshortcuts="S"
      >
        Step
      </button>
      <label htmlFor="step-to" className="visually-hidden">
        Step to
      </label>
      <select id="step-to" value={stepTo} onChange={(e) => setStepTo(e.target.value as typeof stepTo)}>
        <option value="event">one event</option>
        <option value="checkpoint">next checkpoint</option>
        <option value="failure">next failure</option>
      </select>
      <button
        type="button"
        disabled={!ready}
        onClick={() => actor.send({ type: 'RESET' })}
        aria-keyshortcuts="R"
      >
        Reset
      </button>
      <label htmlFor="speed">Speed</label>
      <select
        id="speed"
        value={String(speed)}
        onChange={(e) => {
          const v: Speed = e.target.value === 'max' ? 'max' : Number(e.target.value);
          setSpeed(v);
          actor.send({ type: 'SPEED', speed: v });
        }}
      >
        {SPEEDS.map((s) => (
          <option key={String(s.value)} value={String(s.value)}>
            {s.label}
          </option>
        ))}
      </select>
      <label htmlFor="seed">Seed</label>
      <input
        id="seed"
        type="number"
        min={0}
        max={4294967295}
        step={1}
        value={seed}
        className="seed"
        onChange={(e) => {
          const n = Number(e.target.value);
          if (Number.isInteger(n) && n >= 0)
            useDocument.getState().update((d) => updateSettings(d, { seed: n }));
        }}
      />
    </div>
  );
}

/** The virtual clock, the accuracy against the failure-free run, and the trace hash: always visible. */
function RunStatus() {
  const time = useRun((s) => s.frame?.time ?? 0);
  const accuracy = useRun((s) => s.frame?.accuracy);
  // The worker compares at a cadence: say when the figures are of an earlier moment than the clock.
  const accuracyTime = useRun((s) =>
    s.frame && s.frame.accuracyTime !== s.frame.time ? (s.frame.accuracyTime ?? null) : null,
  );
  const trace = useRun((s) => s.frame?.traceHash);
  const steps = useRun((s) => s.frame?.steps ?? 0);
  const state = useRunState();
  return (
    <div className="group run-status">
      <span className="clock" aria-label="Virtual time">
        t = {formatCount(Math.round(time))} ms
      </span>
      <span
        className="steps"
        aria-label="Engine steps"
        title="Events the engine has handled so far (Step does one)"
      >
        step {formatCount(steps)}
      </span>
      <span className={`run-state state-${state}`}>{state}</span>
      {accuracy && (
        <span
          className="accuracy"
          aria-label="Accuracy"
          data-stale={accuracyTime !== null}
          title="Against the failure-free run of the same job and seed, at the same virtual time"
        >
          accuracy {(accuracy.score * 100).toFixed(1)}% · {accuracy.correct} correct · {accuracy.missing}{' '}
          missing · {accuracy.duplicated} duplicated · {accuracy.wrong} wrong
          {accuracyTime !== null && (
            <span className="muted"> (at t = {formatCount(Math.round(accuracyTime))} ms)</span>
          )}
        </span>
      )}
      {trace && (
        <span
          className="trace"
          aria-label="Trace hash"
          title="Equal hashes mean identical runs (the CLI prints the same)"
        >
          {trace}
        </span>
      )}
      <button
        type="button"
        className="link"
        onClick={() => {
          select([]);
          showPanel('inspector');
        }}
      >
        Scenario settings
      </button>
    </div>
  );
}
