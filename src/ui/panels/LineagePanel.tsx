import { useRun } from '../../store/run.ts';
import { Panel, Waiting } from './Panel.tsx';

export function LineagePanel() {
  const view = useRun((s) => s.frame?.panels.lineage);
  return (
    <Panel name="lineage" title="Event lineage">
      {view ? <p className="muted">(not built yet)</p> : <Waiting />}
    </Panel>
  );
}
