import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { registerServiceWorker } from './app/shared/pwa.ts';
import { browserStorage, DEFAULT_TIMINGS } from './app/shared/services.tsx';
import { StationDatabase } from './db/database.ts';
import './app/shared/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App
      services={{
        db: new StationDatabase(),
        now: () => new Date(),
        storage: browserStorage(),
        timings: DEFAULT_TIMINGS,
      }}
    />
  </StrictMode>,
);

registerServiceWorker();
