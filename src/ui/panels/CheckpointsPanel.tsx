import { useState } from 'react';
import type { CheckpointingView, CheckpointsView } from '../../protocol/panels/checkpoints.ts';
import { pointPanel, usePanels } from '../../store/panels.ts';
import { useRun } from '../../store/run.ts';
import { formatCount } from '../app/format.ts';
import { CHART_ROWS, CheckpointGantt } from './checkpoints/CheckpointGantt.tsx';
import { InstanceGantt } from './checkpoints/InstanceGantt.tsx';
import { CheckpointTable, InstanceTable, TxnTable } from './checkpoints/tables.tsx';
import { ms, recoveryWords } from './checkpoints/words.ts';
import { Panel, Waiting } from './Panel.tsx';

/**
 * Flink's CheckpointCoordinator made visible: the checkpoints on a timeline (trigger, completion or
 * failure, state saved), the failovers with the checkpoint each restored, and one checkpoint
 * instance by instance (barriers, alignment, snapshot) with its transactions. "Table" shows the
 * same data as tables.
 */
export function CheckpointsPanel() {
  const view = useRun((s) => s.frame?.panels.checkpoints);
  const pinned = usePanels((s) => s.pointed.checkpoints?.checkpoint ?? null);
  const [table, setTable] = useState(false);
  const tools = (
    <>
      <button type="button" aria-pressed={table} onClick={() => setTable((t) => !t)}>
        Table
      </button>
      {pinned !== null && (
        <button type="button" onClick={() => pointPanel('checkpoints', { checkpoint: null })}>
          Follow the newest
        </button>
      )}
    </>
  );
  return (
    <Panel name="checkpoints" title="Checkpoints" tools={tools}>
      {!view ? (
        <Waiting />
      ) : view.checkpointing === null ? (
        <NoCheckpoints view={view} />
      ) : (
        <Coordinator view={view.checkpointing} now={view.now} table={table} />
      )}
    </Panel>
  );
}

function select(id: number): void {
  pointPanel('checkpoints', { checkpoint: id });
}

function Coordinator({ view, now, table }: { view: CheckpointingView; now: number; table: boolean }) {
  const detail = view.detail;
  const selected = view.checkpoints.find((c) => c.id === detail?.id) ?? null;
  const inProgress = view.checkpoints.filter((c) => c.outcome === 'in-progress');
  return (
    <div className="cp-panel">
      <Summary view={view} />
      {inProgress.length > 0 && (
        <ul className="cp-pending" aria-label="In progress">
          {inProgress.map((c) => (
            <li key={c.id}>
              <span aria-hidden="true">…</span> Checkpoint {c.id} in progress since {ms(c.triggeredAt)}:{' '}
              {c.acknowledged} of {c.tasks} tasks acknowledged · expires at {ms(c.expiresAt!)}
            </li>
          ))}
        </ul>
      )}
      <div className={table ? undefined : 'cp-columns'}>
        <div>
          <section aria-label="Checkpoint timeline">
            <h3>
              Timeline{' '}
              <span className="muted">
                {table
                  ? `(the newest ${view.checkpoints.length}, newest first)`
                  : view.checkpoints.length > CHART_ROWS
                    ? `(the newest ${CHART_ROWS}; Table lists ${view.checkpoints.length})`
                    : ''}
              </span>
            </h3>
            {view.checkpoints.length === 0 ? (
              <p className="muted">
                No checkpoint yet: the first is triggered {ms(view.settings.interval)} into the run.
              </p>
            ) : table ? (
              <CheckpointTable
                checkpoints={view.checkpoints}
                selected={selected?.id ?? null}
                onSelect={select}
              />
            ) : (
              <CheckpointGantt
                checkpoints={view.checkpoints}
                recoveries={view.recoveries}
                now={now}
                selected={selected?.id ?? null}
                onSelect={select}
              />
            )}
          </section>
          {view.recoveries.length > 0 && (
            <section aria-label="Recoveries">
              <h3>Recoveries</h3>
              <ul className="cp-recoveries">
                {view.recoveries.map((r) => (
                  <li key={r.at}>
                    <span aria-hidden="true">↺</span> {ms(r.at)}: {recoveryWords(r)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        {detail !== null && selected !== null && (
          <section aria-label={`Checkpoint ${detail.id}, instance by instance`}>
            <h3>Checkpoint {detail.id}, instance by instance</h3>
            {!detail.recorded && <p className="muted">Too old: its barriers are no longer recorded.</p>}
            {table ? (
              <InstanceTable spans={detail.spans} mode={view.mode} />
            ) : (
              <InstanceGantt checkpoint={selected} spans={detail.spans} mode={view.mode} now={now} />
            )}
            {detail.transactions.length > 0 && (
              <>
                <h4>Its transactions (two-phase commit)</h4>
                <TxnTable transactions={detail.transactions} />
              </>
            )}
          </section>
        )}
      </div>
    </div>
  );
}

const MODE: Record<CheckpointingView['mode'], string> = {
  'exactly-once': 'Exactly-once: aligned barriers, every task’s state saved',
  'at-least-once':
    'At-least-once by checkpointed offsets: barriers not aligned, only the sources’ offsets saved',
};

function Summary({ view }: { view: CheckpointingView }) {
  const t = view.totals;
  const failovers = view.recoveries.length;
  return (
    <div className="cp-summary">
      <p>
        <strong>{MODE[view.mode]}</strong> · every {ms(view.settings.interval)} · job{' '}
        <strong className={`cp-job job-${view.job}`}>{view.job}</strong>
      </p>
      <p>
        {formatCount(t.completed)} completed of {formatCount(t.triggered)} · {formatCount(t.failed)} failed ·{' '}
        {formatCount(t.subsumed)} subsumed · {formatCount(t.aborted)} aborted by a failover ·{' '}
        <span className={view.consecutiveFailures > 0 ? 'cp-warn' : undefined}>
          {view.consecutiveFailures} failed in a row, {view.settings.tolerableFailures} tolerated
        </span>{' '}
        · {formatCount(view.noticesLost)} notices lost ·{' '}
        {failovers === 0 ? 'no failover yet' : `${failovers} failover${failovers === 1 ? '' : 's'}`}
      </p>
    </div>
  );
}

const SEMANTICS: Record<CheckpointsView['semantics'], string> = {
  'at-most-once': 'At-most-once',
  'at-least-once': 'At-least-once by acknowledger',
  'exactly-once': 'Exactly-once',
};

function NoCheckpoints({ view }: { view: CheckpointsView }) {
  return (
    <div className="cp-none">
      <p>
        <strong>This run takes no checkpoints.</strong> Under {SEMANTICS[view.semantics]} nothing is
        checkpointed.
      </p>
      <p>
        To see checkpoints, choose <strong>Exactly-once</strong> (barriers aligned, every task’s state saved
        and restored) or <strong>At-least-once</strong> <em>by checkpointed offsets</em> (only the sources’
        offsets saved) in <strong>Delivery semantics</strong> in the top bar.
      </p>
    </div>
  );
}
