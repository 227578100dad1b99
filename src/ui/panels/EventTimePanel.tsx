import { useRun } from '../../store/run.ts';
import { Panel, Waiting } from './Panel.tsx';

export function EventTimePanel() {
  const view = useRun((s) => s.frame?.panels.eventTime);
  return (
    <Panel name="eventTime" title="Event time">
      {view ? <p className="muted">(not built yet)</p> : <Waiting />}
    </Panel>
  );
}
