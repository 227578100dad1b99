import { useRun } from '../../store/run.ts';
import { Panel, Waiting } from './Panel.tsx';

export function AckerPanel() {
  const view = useRun((s) => s.frame?.panels.acker);
  return (
    <Panel name="acker" title="Acknowledger">
      {view ? <p className="muted">(not built yet)</p> : <Waiting />}
    </Panel>
  );
}
