import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Popup() {
  return <main>Peerpost</main>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
