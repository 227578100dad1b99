import { useRun } from '../../store/run.ts';
import { Panel, Waiting } from './Panel.tsx';

export function MetricsPanel() {
  const view = useRun((s) => s.frame?.panels.metrics);
  return (
    <Panel name="metrics" title="Metrics">
      {view ? <p className="muted">(not built yet)</p> : <Waiting />}
    </Panel>
  );
}
