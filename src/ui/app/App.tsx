import { ReactFlowProvider } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { redo, undo } from '../../store/document.ts';
import { togglePanel, useView } from '../../store/view.ts';
import { Canvas } from '../editor/Canvas.tsx';
import { Inspector } from '../editor/Inspector.tsx';
import { Palette } from '../editor/Palette.tsx';
import { RunController } from '../run/RunController.tsx';
import { Dock, PanelButtons } from '../panels/Dock.tsx';
import { Timeline } from '../run/Timeline.tsx';
import { Banners, JobProblems } from './Banners.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { copySelection, layoutDocument, pasteClip, useShortcuts } from './shortcuts.ts';
import { TopBar } from './TopBar.tsx';

/** The playground: build a job, run it in the engine worker, break it, watch what happens. */
export function App() {
  return (
    <ReactFlowProvider>
      <RunController>
        <Playground />
      </RunController>
    </ReactFlowProvider>
  );
}

function Playground() {
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useShortcuts(toggleHelp);
  const palette = useView((s) => s.palette);
  const inspector = useView((s) => s.inspector);
  return (
    <div className="app">
      <TopBar />
      <Banners />
      <div className="workspace">
        {palette && <Palette />}
        <main className="stage">
          <EditBar onHelp={toggleHelp} />
          <JobProblems />
          <Canvas />
          <PanelButtons />
          <Dock />
          <Timeline />
        </main>
        {inspector && <Inspector />}
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}

function EditBar({ onHelp }: { onHelp: () => void }) {
  const palette = useView((s) => s.palette);
  const inspector = useView((s) => s.inspector);
  return (
    <div className="editbar" role="toolbar" aria-label="Edit">
      <button
        type="button"
        aria-pressed={palette}
        onClick={() => togglePanel('palette')}
        aria-keyshortcuts="["
      >
        Palette
      </button>
      <button type="button" onClick={undo} aria-keyshortcuts="Control+Z">
        Undo
      </button>
      <button type="button" onClick={redo} aria-keyshortcuts="Control+Shift+Z">
        Redo
      </button>
      <button type="button" onClick={copySelection} aria-keyshortcuts="Control+C">
        Copy
      </button>
      <button type="button" onClick={pasteClip} aria-keyshortcuts="Control+V">
        Paste
      </button>
      <button type="button" onClick={layoutDocument} aria-keyshortcuts="L">
        Auto-layout
      </button>
      <button type="button" onClick={onHelp} aria-keyshortcuts="?">
        Shortcuts
      </button>
      <button
        type="button"
        className="push-right"
        aria-pressed={inspector}
        onClick={() => togglePanel('inspector')}
        aria-keyshortcuts="]"
      >
        Inspector
      </button>
    </div>
  );
}
