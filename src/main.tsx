// Configuration modules first: zod's CSP-safe mode, then dayjs with its plugins,
// before any module parses or formats anything.
import './lib/zod-config';
import './lib/dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AppProviders } from './app/providers';
import './app/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <App />
    </AppProviders>
  </StrictMode>,
);
