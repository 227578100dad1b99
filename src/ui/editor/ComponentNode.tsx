import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ComponentView, InstanceView } from '../../protocol/messages.ts';
import { useRun } from '../../store/run.ts';
import { roleOf } from '../schema.ts';
import { BreakMenu } from '../run/BreakMenu.tsx';
import type { FlowNode } from './flow.ts';
import { RollbackBadge } from './RollbackBadge.tsx';

/** Health as text and a shape: colour is never the only signal. */
export const HEALTH_MARK: Record<InstanceView['health'], string> = {
  running: '●',
  crashed: '✕',
  restarting: '↻',
  failed: '■',
};

/**
 * A component on the canvas: its name and kind, one chip per parallel instance with its health,
 * its counters as text, and the engine's validation problems with it. Everything shown comes from
 * the latest frame of the engine.
 */
export const ComponentNode = memo(function ComponentNode({ id, data, selected }: NodeProps<FlowNode>) {
  const view = useRun((s) => s.frame?.components.find((c) => c.id === id));
  const issues = useRun(
    useShallow((s) => s.issues.filter((i) => i.componentId === id).map((i) => i.message)),
  );
  const role = roleOf(data.kind);
  return (
    <div className={`node role-${role}${selected ? ' selected' : ''}${issues.length > 0 ? ' invalid' : ''}`}>
      {role !== 'source' && (
        <Handle type="target" position={Position.Left} aria-label={`input of ${data.name}`} />
      )}
      <header className="node-header">
        <span className={`node-glyph glyph-${role}`} aria-hidden="true" />
        <span className="node-title">
          <strong className="node-name">{data.name}</strong>
          <small className="node-kind">{data.kind}</small>
        </span>
        <BreakMenu componentId={id} name={data.name} kind={data.kind} />
      </header>
      <Instances instances={view?.instances} parallelism={data.parallelism} />
      {view?.rollback && <RollbackBadge rollback={view.rollback} />}
      {view ? <Counters view={view} /> : <p className="counters muted">not running</p>}
      {issues.map((message) => (
        <p key={message} className="node-issue" role="note">
          ⚠ {message}
        </p>
      ))}
      {role !== 'sink' && (
        <Handle type="source" position={Position.Right} aria-label={`output of ${data.name}`} />
      )}
    </div>
  );
});

function Instances({ instances, parallelism }: { instances?: readonly InstanceView[]; parallelism: number }) {
  if (!instances) {
    return (
      <ul className="instances" aria-label="instances">
        {Array.from({ length: parallelism }, (_, i) => (
          <li key={i} className="instance">
            #{i}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="instances" aria-label="instances">
      {instances.map((inst) => (
        <li
          key={inst.index}
          className={`instance health-${inst.health}${inst.blocked ? ' blocked' : ''}${inst.aligning ? ' aligning' : ''}`}
          title={instanceTitle(inst)}
        >
          <span aria-hidden="true">{HEALTH_MARK[inst.health]}</span>{' '}
          {inst.name.slice(inst.name.lastIndexOf('#'))}
          {inst.health !== 'running' && <span className="instance-health"> {inst.health}</span>}
          {inst.aligningCheckpoint !== null && (
            <span className="instance-aligning">
              {' '}
              aligning cp {inst.aligningCheckpoint} · {inst.alignmentBuffer} held
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function instanceTitle(inst: InstanceView): string {
  const parts = [`${inst.name}: ${inst.health}`, `processed ${inst.processed}`, `queued ${inst.queued}`];
  if (inst.blocked) parts.push('blocked by a full output (backpressure)');
  if (inst.aligning) {
    parts.push(
      `aligning checkpoint ${inst.aligningCheckpoint}: inputs that delivered its barrier are blocked, ${inst.alignmentBuffer} records held`,
    );
  }
  if (inst.watermark !== null) parts.push(`watermark ${inst.watermark}`);
  return parts.join(' · ');
}

function Counters({ view }: { view: ComponentView }) {
  return (
    <p className="counters">
      <span>processed {view.processed}</span>
      <span>delivered {view.delivered}</span>
      <span className={view.failed > 0 ? 'warn' : undefined}>failed {view.failed}</span>
      <span className={view.dropped + view.lost > 0 ? 'warn' : undefined}>dropped {view.dropped}</span>
      {view.lost > 0 && <span className="warn">lost {view.lost}</span>}
      {view.queued > 0 && <span>queued {view.queued}</span>}
      {view.sink && <span>rows {view.sink.rows}</span>}
      {view.lateDropped > 0 && <span className="warn">late {view.lateDropped}</span>}
    </p>
  );
}
