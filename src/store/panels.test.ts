import { beforeEach, describe, expect, it } from 'vitest';
import { pointPanel, togglePanelOpen, usePanels, watchRequest } from './panels.ts';

beforeEach(() => usePanels.setState({ open: [], pointed: {} }));

describe('panels store', () => {
  it('asks the worker for the open panels only, each with what it is pointed at', () => {
    togglePanelOpen('metrics');
    togglePanelOpen('lineage');
    pointPanel('lineage', {});
    expect(watchRequest(usePanels.getState())).toEqual({ metrics: {}, lineage: {} });
    togglePanelOpen('metrics');
    expect(usePanels.getState().open).toEqual(['lineage']);
    expect(watchRequest(usePanels.getState())).toEqual({ lineage: {} });
  });
});
