import { useRun } from '../../store/run.ts';
import { Panel, Waiting } from './Panel.tsx';

export function OutputPanel() {
  const view = useRun((s) => s.frame?.panels.output);
  return (
    <Panel name="output" title="Output">
      {view ? <p className="muted">(not built yet)</p> : <Waiting />}
    </Panel>
  );
}
