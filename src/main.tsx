import '@xyflow/react/dist/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useDocument } from './store/document.ts';
import { App } from './ui/app/App.tsx';
import { loadScenario } from './ui/app/documentIo.ts';
import './ui/app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A first visit (nothing autosaved) opens the book's system usage job: press Play.
if (useDocument.getState().doc.job.components.length === 0) {
  loadScenario('system-usage.json');
  useDocument.temporal.getState().clear();
}

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
