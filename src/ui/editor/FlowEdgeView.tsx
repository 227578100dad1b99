import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Token } from '../../protocol/messages.ts';
import { type EdgeLoad, useRun } from '../../store/run.ts';
import { select, useSelection } from '../../store/selection.ts';
import { traceEvent } from '../panels/traceEvent.ts';
import { blockedChannels } from './blockedChannels.ts';
import type { FlowEdge } from './flow.ts';

/** A cubic curve from source to target, and the point at fraction t along it. */
function curve(sx: number, sy: number, tx: number, ty: number) {
  const d = Math.max(Math.abs(tx - sx) / 2, 40);
  const c1x = sx + d;
  const c2x = tx - d;
  const at = (t: number) => {
    const u = 1 - t;
    return {
      x: u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * tx,
      y: u * u * u * sy + 3 * u * u * t * sy + 3 * u * t * t * ty + t * t * t * ty,
    };
  };
  return { path: `M ${sx},${sy} C ${c1x},${sy} ${c2x},${ty} ${tx},${ty}`, at };
}

/** NiFi's traffic light for a queue: below half green, below 90 % yellow, red above. */
export function fillLevel(size: number, capacity: number): 'low' | 'mid' | 'high' {
  const f = capacity === 0 ? 0 : size / capacity;
  return f < 0.5 ? 'low' : f < 0.9 ? 'mid' : 'high';
}

/**
 * An edge of the job: its grouping, the fill of its channels, and the elements in flight on them,
 * sampled by the engine (records as dots, checkpoint barriers as bars, watermarks as diamonds) at
 * their place between departure and arrival.
 */
export const FlowEdgeView = memo(function FlowEdgeView({
  id,
  data,
  sourceX,
  sourceY,
  targetX,
  targetY,
  selected,
  markerEnd,
}: EdgeProps<FlowEdge>) {
  const index = data!.index;
  const { path, at } = curve(sourceX, sourceY, targetX, targetY);
  const fill = useRun((s) => s.edges[index]) ?? NO_LOAD;
  const tokens = fill.tokens;
  const time = useRun((s) => s.frame?.time ?? 0);
  const mid = at(0.5);
  const level = fillLevel(fill.size, fill.capacity);
  const percent = fill.capacity === 0 ? 0 : Math.round((100 * fill.size) / fill.capacity);
  const issues = useRun(
    useShallow((s) => s.issues.filter((i) => i.edgeIndex === index).map((i) => i.message)),
  );
  const places = placeTokens(tokens, time, Math.hypot(targetX - sourceX, targetY - sourceY));
  const blocked = useRun((s) => blockedChannels(s.frame?.channels, index));
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`flow-edge${selected ? ' selected' : ''}${data!.late ? ' late' : ''}${issues.length > 0 ? ' invalid' : ''}`}
      />
      <g className="tokens" aria-hidden="true">
        {tokens.map((t, i) => (
          <TokenMark key={i} token={t} point={at(places[i]!)} />
        ))}
      </g>
      <EdgeLabelRenderer>
        {/* A large target for the mouse; keyboard users select the edge itself (Tab, Enter). */}
        <div
          className={`edge-label fill-${level}${selected ? ' selected' : ''} nodrag nopan`}
          // Above the line, so the tokens on it stay in sight.
          style={{ transform: `translate(-50%, -100%) translate(${mid.x}px, ${mid.y - 6}px)` }}
          title={`${data!.grouping} grouping · queue ${fill.size} of ${fill.capacity} places in use · click to select`}
          onClick={(e) => select(e.shiftKey ? [...useSelection.getState().nodes] : [], [index])}
        >
          {data!.late ? 'late · ' : ''}
          {data!.grouping}
          <span className="queue-bar" aria-hidden="true">
            <span style={{ width: `${percent}%` }} />
          </span>
          <span>{percent}%</span>
          {issues.map((message) => (
            <span key={message} className="edge-issue" role="note">
              ⚠ {message}
            </span>
          ))}
        </div>
        {blocked !== '' && (
          // At the receiver's end, under the line: the inputs an aligning task holds (Flink's blocked channels).
          <div
            className="edge-blocked nodrag nopan"
            style={{ transform: `translate(-100%, 4px) translate(${targetX - 6}px, ${targetY}px)` }}
            title="channels blocked by an aligning receiver: their records wait for the last barrier"
          >
            {blocked}
          </div>
        )}
      </EdgeLabelRenderer>
    </>
  );
});

const NO_LOAD: EdgeLoad = { size: 0, capacity: 0, tokens: [] };

/** Pixels between two elements waiting in a queue. */
const QUEUE_GAP = 10;

/**
 * Where each token is along the edge, from 0 (departure) to 1 (arrival). In flight: its share of
 * the way in virtual time. Arrived and waiting: lined up back from the receiver, oldest in front,
 * so a growing queue is seen growing.
 */
export function placeTokens(tokens: readonly Token[], time: number, length: number): number[] {
  const waiting = new Map<number, number>();
  const gap = length > 0 ? QUEUE_GAP / length : 0;
  return tokens.map((t) => {
    if (time < t.arrival && t.arrival > t.departure) {
      return Math.max(0, (time - t.departure) / (t.arrival - t.departure));
    }
    const k = waiting.get(t.channel) ?? 0;
    waiting.set(t.channel, k + 1);
    return Math.max(0, 1 - k * gap);
  });
}

function TokenMark({ token, point }: { token: Token; point: { x: number; y: number } }) {
  const { x, y } = point;
  switch (token.kind) {
    case 'record':
      // A click follows the event in the lineage panel; the ring is a target larger than the dot.
      return (
        <g
          className="token token-record"
          onClick={(e) => {
            e.stopPropagation();
            traceEvent(token.label);
          }}
        >
          <title>{`event ${token.label}: click to trace it`}</title>
          <circle className="token-hit" cx={x} cy={y} r={9} />
          <circle cx={x} cy={y} r={4} />
        </g>
      );
    case 'barrier':
      return (
        <g className="token token-barrier">
          <rect x={x - 2} y={y - 9} width={4} height={18} />
          <text x={x + 4} y={y - 10}>
            #{token.label}
          </text>
        </g>
      );
    case 'watermark':
      return (
        <rect
          className="token token-watermark"
          x={x - 4}
          y={y - 4}
          width={8}
          height={8}
          transform={`rotate(45 ${x} ${y})`}
        />
      );
    case 'status':
      return (
        <polygon
          className="token token-status"
          points={`${x - 4},${y + 4} ${x + 4},${y + 4} ${x},${y - 4}`}
        />
      );
  }
}
