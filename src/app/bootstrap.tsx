// dayjs first: its plugins must be installed before any module formats a time.
import '../lib/dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '../lib/query-client';
import { App } from './app';
import { handOverEarlyRequests } from './early-handoff';
import { restoreLocaleSetting } from './locale-setting';
import { restoreThemeSetting } from './theme-setting';
import { restoreTimeZoneSetting } from './time-zone-setting';
import { AppProviders } from './providers';
import './app.css';

/** performance.mark set when the app's React root is about to render. */
export const APP_RENDER_MARK = 'rtc:app-render';

export function bootstrap(container: HTMLElement): void {
  const queryClient = createQueryClient();
  handOverEarlyRequests(queryClient);
  restoreTimeZoneSetting();
  restoreThemeSetting();
  const render = () => {
    performance.mark(APP_RENDER_MARK);
    createRoot(container).render(
      <StrictMode>
        <AppProviders queryClient={queryClient}>
          <App />
        </AppProviders>
      </StrictMode>,
    );
  };
  // Chinese (remembered or the browser's) loads its catalogs first; English has them.
  const localeReady = restoreLocaleSetting();
  if (localeReady) void localeReady.then(render);
  else render();
}
