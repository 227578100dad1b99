import { useId } from 'react';
import type { AckerOnView } from '../../../protocol/panels/acker.ts';
import { formatCount } from '../../app/format.ts';
import { formatMs } from './format.ts';

/** One counter: its name labels its value (so it is found and read by its name). */
function Counter({ name, value, hint }: { name: string; value: string; hint: string }) {
  const id = useId();
  return (
    <div className="acker-counter" title={hint}>
      <dt id={id}>{name}</dt>
      <dd aria-labelledby={id}>{value}</dd>
    </div>
  );
}

/** The acknowledger's counters, as the CLI reports them under `acker`, and the pending gauge. */
export function Counters({ view }: { view: AckerOnView }) {
  const { stats, settings } = view;
  const latency = stats.completeLatency;
  return (
    <dl className="acker-counters" aria-label="Acknowledger counters">
      <Counter
        name="emitted"
        value={formatCount(stats.emitted)}
        hint="Roots emitted: first emissions and replays"
      />
      <Counter
        name="acked"
        value={formatCount(stats.acked)}
        hint="Trees completed: every edge acked, value 0"
      />
      <Counter
        name="failed"
        value={formatCount(stats.failed)}
        hint="Trees failed explicitly by a processing failure"
      />
      <Counter
        name="timed out"
        value={formatCount(stats.timedOut)}
        hint={`Trees not completed within ${formatMs(settings.timeout)}–${formatMs(2 * settings.timeout)} of their emission`}
      />
      <Counter
        name="replayed"
        value={formatCount(stats.replayed)}
        hint="Failed or timed-out events emitted again"
      />
      <Counter
        name="pending"
        value={`${formatCount(stats.pending)} (max ${formatCount(stats.pendingMax)})`}
        hint={`Roots in flight now over all sources; the most at once at one source. A source stops reading at ${formatCount(settings.maxPending)}.`}
      />
      <Counter
        name="complete latency"
        value={
          latency.count === 0
            ? '—'
            : `p50 ${formatMs(latency.p50)} · p99 ${formatMs(latency.p99)} · mean ${formatMs(latency.mean)}`
        }
        hint="From a root's emission to its source hearing that the tree completed (acked roots only)"
      />
    </dl>
  );
}
