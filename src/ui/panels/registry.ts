import type { ComponentType } from 'react';
import type { PanelName } from '../../protocol/panels.ts';
import { AckerPanel } from './AckerPanel.tsx';
import { CheckpointsPanel } from './CheckpointsPanel.tsx';
import { EventTimePanel } from './EventTimePanel.tsx';
import { LineagePanel } from './LineagePanel.tsx';
import { MetricsPanel } from './MetricsPanel.tsx';
import { OutputPanel } from './OutputPanel.tsx';
import { WindowsPanel } from './WindowsPanel.tsx';

/** The see-inside panels, in the order of the dock's buttons: the name each button carries, and the panel. */
export const PANELS: readonly {
  readonly name: PanelName;
  readonly title: string;
  readonly component: ComponentType;
}[] = [
  { name: 'acker', title: 'Acknowledger', component: AckerPanel },
  { name: 'checkpoints', title: 'Checkpoints', component: CheckpointsPanel },
  { name: 'eventTime', title: 'Event time', component: EventTimePanel },
  { name: 'windows', title: 'Windows', component: WindowsPanel },
  { name: 'output', title: 'Output', component: OutputPanel },
  { name: 'metrics', title: 'Metrics', component: MetricsPanel },
  { name: 'lineage', title: 'Event lineage', component: LineagePanel },
];
