import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import systemUsage from '../scenarios/system-usage.json';
import { PlaceholderApp } from './ui/app/PlaceholderApp.tsx';
import './ui/app/placeholder.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <PlaceholderApp scenario={systemUsage} />
  </StrictMode>,
);
