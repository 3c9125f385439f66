// dayjs first: its plugins must be installed before any module formats a time.
import '../lib/dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AppProviders } from './providers';
import './app.css';

export function bootstrap(container: HTMLElement): void {
  createRoot(container).render(
    <StrictMode>
      <AppProviders>
        <App />
      </AppProviders>
    </StrictMode>,
  );
}
