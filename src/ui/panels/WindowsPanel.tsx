import { useRun } from '../../store/run.ts';
import { Panel, Waiting } from './Panel.tsx';

export function WindowsPanel() {
  const view = useRun((s) => s.frame?.panels.windows);
  return (
    <Panel name="windows" title="Windows">
      {view ? <p className="muted">(not built yet)</p> : <Waiting />}
    </Panel>
  );
}
