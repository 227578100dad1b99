import type { Straggler } from '../../../protocol/panels/windows.ts';
import { formatMs, formatTime, formatWindow } from '../eventTime/format.ts';

/** The newest records that came too late for every window they belong to. */
export function Stragglers({ stragglers }: { stragglers: readonly Straggler[] }) {
  if (stragglers.length === 0) return null;
  return (
    <table aria-label="Stragglers">
      <caption>The latest stragglers, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
          <th scope="col">Event time</th>
          <th scope="col">Arrived at</th>
          <th scope="col">Clock then</th>
          <th scope="col">Too late for</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {stragglers.map((s) => (
          <tr key={`${s.arrivedAt} ${s.id} ${s.instance}`}>
            <td>{s.key}</td>
            <td>{s.value === null ? 'none' : formatTime(s.value)}</td>
            <td>{formatMs(s.eventTime)}</td>
            <td>{formatMs(s.arrivedAt)}</td>
            <td>{formatMs(s.clock)}</td>
            <td>{s.windows.map((w) => formatWindow(w.start, w.end)).join(', ')}</td>
            <td>{s.outcome === 'dropped' ? '✕ dropped' : '▲ side output'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
