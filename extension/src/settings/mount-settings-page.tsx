// Renders the settings into an extension page (the toolbar popup and the options page share it).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Settings } from './Settings';
import './settings.css';

export function mountSettingsPage(root: HTMLElement) {
  createRoot(root).render(
    <StrictMode>
      <main>
        <h1>Peerpost</h1>
        <Settings />
      </main>
    </StrictMode>,
  );
}
