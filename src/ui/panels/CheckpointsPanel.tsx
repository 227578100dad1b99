import { useRun } from '../../store/run.ts';
import { Panel, Waiting } from './Panel.tsx';

export function CheckpointsPanel() {
  const view = useRun((s) => s.frame?.panels.checkpoints);
  return (
    <Panel name="checkpoints" title="Checkpoints">
      {view ? <p className="muted">(not built yet)</p> : <Waiting />}
    </Panel>
  );
}
